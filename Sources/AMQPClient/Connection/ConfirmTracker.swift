/// Publisher-confirm bookkeeping for one channel in confirm mode.
///
/// The broker numbers publishes from 1 per channel and answers each with basic.ack or
/// basic.nack, possibly covering several with `multiple`. A mandatory message that matches no
/// queue comes back as basic.return, followed by the ack of that same message: a return is
/// attributed to the highest sequence number the next ack settles.
struct ConfirmTracker: Sendable {
    /// The sequence number the next publish gets.
    private(set) var nextSequence: UInt64 = 1
    /// Published, not yet acked or nacked; ascending.
    private var unsettled: [UInt64] = []
    /// Sequence numbers a publisher is waiting for; outcomes of others are not kept.
    private var awaited: Set<UInt64> = []
    private var outcomes: [UInt64: PublishConfirmation] = [:]
    private var pendingReturns: [(replyCode: UInt16, replyText: String)] = []

    /// Registers one publish and returns its sequence number.
    mutating func registerPublish(awaited isAwaited: Bool = true) -> UInt64 {
        let sequence = nextSequence
        nextSequence += 1
        unsettled.append(sequence)
        if isAwaited { awaited.insert(sequence) }
        return sequence
    }

    /// The outcome for `sequence` once settled; it is handed out once.
    mutating func take(_ sequence: UInt64) -> PublishConfirmation? {
        guard let outcome = outcomes.removeValue(forKey: sequence) else { return nil }
        awaited.remove(sequence)
        return outcome
    }

    /// The publisher of `sequence` stopped waiting (timeout, cancellation).
    mutating func abandon(_ sequence: UInt64) {
        awaited.remove(sequence)
        outcomes.removeValue(forKey: sequence)
    }

    mutating func recordReturn(replyCode: UInt16, replyText: String) {
        pendingReturns.append((replyCode, replyText))
    }

    mutating func recordAck(deliveryTag: UInt64, multiple: Bool) {
        settle(deliveryTag: deliveryTag, multiple: multiple, acked: true)
    }

    mutating func recordNack(deliveryTag: UInt64, multiple: Bool) {
        settle(deliveryTag: deliveryTag, multiple: multiple, acked: false)
    }

    /// Whether every publish so far has been settled.
    var isSettled: Bool { unsettled.isEmpty }

    private mutating func settle(deliveryTag: UInt64, multiple: Bool, acked: Bool) {
        let settled: [UInt64]
        if multiple {
            let end = unsettled.partitioningIndex { $0 > deliveryTag }
            settled = Array(unsettled[..<end])
            unsettled.removeFirst(end)
        } else {
            let index = unsettled.partitioningIndex { $0 >= deliveryTag }
            guard index < unsettled.count, unsettled[index] == deliveryTag else { return }
            settled = [deliveryTag]
            unsettled.remove(at: index)
        }
        guard let last = settled.last else { return }
        // The settlement right after a return covers the returned message; a nack wins over it.
        let returned = pendingReturns.isEmpty ? nil : pendingReturns.removeFirst()
        for sequence in settled where awaited.contains(sequence) {
            if acked, sequence == last, let returned {
                outcomes[sequence] = .returned(replyCode: returned.replyCode, replyText: returned.replyText)
            } else {
                outcomes[sequence] = acked ? .acked : .nacked
            }
        }
    }
}
