/// Publisher-confirm bookkeeping for one channel in confirm mode.
///
/// The broker numbers publishes from 1 per channel and answers each with basic.ack or
/// basic.nack, possibly covering several with `multiple`. A mandatory message that matches no
/// queue comes back as basic.return, before the ack of that same message. A return carries no
/// sequence number and one ack may settle several publishes, so a return is matched by what it
/// carries: it belongs to the oldest unsettled mandatory publish with the same exchange,
/// routing key and body, since the broker handles a channel's publishes in order.
///
/// A publish is awaited by its own publisher (its outcome is kept for ``take(_:)``), by
/// whoever drains the pipeline (outcomes are queued in order for ``takePipelined()``), or by
/// no one.
struct ConfirmTracker: Sendable {
    /// Who waits for a publish's outcome.
    enum Waiter: Sendable, Equatable {
        /// The publisher itself, by sequence number.
        case publisher
        /// Whoever drains the pipeline: every outcome is queued, in the order it came.
        case pipeline
        /// No one: the outcome is not kept.
        case none
    }

    /// What a returned message is recognised by among the publishes in flight.
    struct Content: Sendable, Equatable {
        var exchange: String
        var routingKey: String
        var body: [UInt8]
    }

    /// A basic.return as read from the channel: the broker's reason and the message it sent back.
    struct Return: Sendable, Equatable {
        var replyCode: UInt16
        var replyText: String
        var content: Content
    }

    /// A publish not acked or nacked yet.
    private struct Unsettled: Sendable {
        let sequence: UInt64
        /// Kept for a mandatory publish (the only kind the broker returns) until a return matches it.
        var returnable: Content?
        /// The outcome an ack reports: `.returned` once a return matched this publish.
        var outcomeIfAcked = PublishConfirmation.acked
        /// Whether its outcome goes to the pipeline's queue.
        let pipelined: Bool
    }

    /// The sequence number the next publish gets.
    private(set) var nextSequence: UInt64 = 1
    /// Ascending by sequence number.
    private var unsettled: [Unsettled] = []
    /// Sequence numbers a publisher is waiting for; outcomes of others are not kept.
    private var awaited: Set<UInt64> = []
    private var outcomes: [UInt64: PublishConfirmation] = [:]
    /// Outcomes of pipelined publishes not handed out yet, in the order they came.
    private var pipelinedOutcomes: [ConfirmedPublish] = []

    /// Registers one publish and returns its sequence number; `returnable` is the content of a
    /// mandatory publish, nil for one the broker never returns.
    mutating func registerPublish(returnable: Content? = nil, waiter: Waiter = .publisher) -> UInt64 {
        let sequence = nextSequence
        nextSequence += 1
        unsettled.append(Unsettled(sequence: sequence, returnable: returnable, pipelined: waiter == .pipeline))
        if waiter == .publisher { awaited.insert(sequence) }
        return sequence
    }

    /// Every pipelined outcome that came since the last call, in the order it came: not always
    /// ascending, since the broker acks an unroutable mandatory publish ahead of earlier ones.
    mutating func takePipelined() -> [ConfirmedPublish] {
        guard !pipelinedOutcomes.isEmpty else { return [] }
        defer { pipelinedOutcomes = [] }
        return pipelinedOutcomes
    }

    /// The outcome for `sequence` once settled; it is handed out once.
    mutating func take(_ sequence: UInt64) -> PublishConfirmation? {
        guard let outcome = outcomes.removeValue(forKey: sequence) else { return nil }
        awaited.remove(sequence)
        return outcome
    }

    /// The publisher of `sequence` stopped waiting (timeout, cancellation). The publish stays
    /// unsettled, so that its return cannot be taken for a later publish of the same content.
    mutating func abandon(_ sequence: UInt64) {
        awaited.remove(sequence)
        outcomes.removeValue(forKey: sequence)
    }

    /// Attributes `message` to the publish it came from; a return that matches no unsettled
    /// mandatory publish says nothing about any of them and is dropped.
    mutating func recordReturn(_ message: Return) {
        guard let index = unsettled.firstIndex(where: { $0.returnable == message.content }) else { return }
        unsettled[index].returnable = nil
        unsettled[index].outcomeIfAcked = .returned(replyCode: message.replyCode, replyText: message.replyText)
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
        let range: Range<Int>
        if multiple {
            range = 0..<unsettled.partitioningIndex { $0.sequence > deliveryTag }
        } else {
            let index = unsettled.partitioningIndex { $0.sequence >= deliveryTag }
            guard index < unsettled.count, unsettled[index].sequence == deliveryTag else { return }
            range = index..<index + 1
        }
        // A nack says the broker failed to handle the message, which outweighs a return.
        for publish in unsettled[range] {
            let outcome = acked ? publish.outcomeIfAcked : .nacked
            if publish.pipelined {
                pipelinedOutcomes.append(ConfirmedPublish(sequence: publish.sequence, confirmation: outcome))
            } else if awaited.contains(publish.sequence) {
                outcomes[publish.sequence] = outcome
            }
        }
        unsettled.removeSubrange(range)
    }
}
