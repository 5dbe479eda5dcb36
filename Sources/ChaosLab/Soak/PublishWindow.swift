import AMQPClient
import Foundation

/// The publishes of one AMQP connection that await their confirm, in the order they were
/// sent, and how each one ends: its confirm, the lab giving up on it, or the connection going.
///
/// Entries stay in one array in sequence order; settled ones are skipped from the front and the
/// array is compacted now and then, so a window costs what it holds.
struct PublishWindow: Sendable {
    private struct Entry: Sendable {
        let sequence: UInt64
        let token: String
        let at: Date
        let sent: ContinuousClock.Instant
        var settled = false
    }

    private var entries: [Entry] = []
    private var head = 0
    /// Publishes awaiting their confirm.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Entries kept, settled ones not yet dropped included: what the window costs.
    var storedEntries: Int { entries.count }

    /// When the oldest publish still waiting was sent.
    var oldestSent: ContinuousClock.Instant? {
        isEmpty ? nil : entries[head].sent
    }

    /// Adds publishes written together: `sequences[i]` carries `tokens[i]`.
    mutating func add(sequences: [UInt64], tokens: [String], at: Date, sent: ContinuousClock.Instant) {
        for (sequence, token) in zip(sequences, tokens) {
            entries.append(Entry(sequence: sequence, token: token, at: at, sent: sent))
        }
        count += min(sequences.count, tokens.count)
    }

    /// The attempts `confirmed` ends; confirms of publishes not (or no longer) in the window
    /// are ignored.
    mutating func settle(_ confirmed: [ConfirmedPublish], answeredAt: ContinuousClock.Instant) -> [PublishAttempt] {
        var attempts: [PublishAttempt] = []
        attempts.reserveCapacity(confirmed.count)
        for confirmation in confirmed {
            guard let index = index(of: confirmation.sequence) else { continue }
            entries[index].settled = true
            count -= 1
            let entry = entries[index]
            let (confirm, detail) = Self.answer(confirmation.confirmation)
            attempts.append(PublishAttempt(token: entry.token, at: entry.at, confirm: confirm, detail: detail, took: answeredAt - entry.sent))
        }
        dropSettled()
        return attempts
    }

    /// Gives up on every publish sent before `cutoff`: indeterminate, with `detail`.
    mutating func expire(sentBefore cutoff: ContinuousClock.Instant, answeredAt: ContinuousClock.Instant, detail: String) -> [PublishAttempt] {
        var attempts: [PublishAttempt] = []
        while head < entries.count, entries[head].settled || entries[head].sent < cutoff {
            if !entries[head].settled {
                let entry = entries[head]
                attempts.append(PublishAttempt(token: entry.token, at: entry.at, confirm: nil, detail: detail, took: answeredAt - entry.sent))
                count -= 1
            }
            head += 1
        }
        compact()
        return attempts
    }

    /// Gives up on every publish still waiting (the connection or channel went, or the load
    /// was cancelled): indeterminate, with `detail`.
    mutating func drain(answeredAt: ContinuousClock.Instant, detail: String) -> [PublishAttempt] {
        let attempts = entries[head...].filter { !$0.settled }.map { entry in
            PublishAttempt(token: entry.token, at: entry.at, confirm: nil, detail: detail, took: answeredAt - entry.sent)
        }
        entries = []
        head = 0
        count = 0
        return attempts
    }

    /// The broker's answer as an attempt records it.
    static func answer(_ confirmation: PublishConfirmation) -> (BrokerConfirm?, String) {
        switch confirmation {
        case .acked: (.acked, "")
        case .nacked: (.nacked, "basic.nack")
        case .returned(let replyCode, let replyText): (.returned, "\(replyCode) \(replyText)")
        case .unconfirmed: (nil, "the channel was not in confirm mode")
        }
    }

    /// Where `sequence` is among the waiting entries (binary search: they are in order).
    private func index(of sequence: UInt64) -> Int? {
        var low = head
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].sequence < sequence { low = middle + 1 } else { high = middle }
        }
        guard low < entries.count, entries[low].sequence == sequence, !entries[low].settled else { return nil }
        return low
    }

    private mutating func dropSettled() {
        while head < entries.count, entries[head].settled { head += 1 }
        compact()
    }

    private mutating func compact() {
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
