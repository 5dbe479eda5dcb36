import Foundation

extension History {
    /// The history of one check: what the lab published (through the API or straight to the
    /// broker) and what the broker saw the workers do with those messages. A delivery to an
    /// auto-ack consumer counts as processed when it was sent: the broker forgot it then, and
    /// no one else can say more.
    public init(attempts: [PublishAttempt], deliveries: [MessageTrace]) {
        self.init()
        for attempt in attempts {
            recordPublishAttempted(attempt.token, at: attempt.at)
            switch attempt.outcome {
            case .acknowledged:
                recordPublishAcknowledged(attempt.token, at: attempt.answeredAt, detail: attempt.answer)
            case .refused:
                // The API or the broker said no: the message was not taken.
                recordPublishFailed(attempt.token, reason: attempt.answer, at: attempt.answeredAt)
            case .indeterminate:
                // No answer, a server error (a timeout waiting for the broker's confirm), no
                // confirm: the message may or may not have been taken, so it stays merely
                // attempted.
                break
            }
        }
        for delivery in deliveries {
            recordDelivered(delivery.id, to: delivery.worker, redelivered: delivery.redelivered, at: delivery.start, source: .broker)
            guard let end = delivery.end else { continue }
            switch delivery.outcome {
            case .acked, .autoAcked: recordProcessed(delivery.id, by: delivery.worker, redelivered: delivery.redelivered, at: end, source: .broker)
            case .rejected: recordRejected(delivery.id, by: delivery.worker, redelivered: delivery.redelivered, at: end, source: .broker)
            case .requeued: recordRequeued(delivery.id, by: delivery.worker, redelivered: delivery.redelivered, at: end, source: .broker)
            case .unfinished: break
            }
        }
    }
}

extension HistoryAnalysis {
    /// The analysis as report evidence: its summary, then each finding on its own line.
    public var evidence: Evidence {
        Evidence(
            source: "history",
            title: "Operation history checked: \(acknowledged) acknowledged, \(processed) processed, \(lost.count) lost, \(duplicated.count) duplicated, \(unexpected.count) unexpected",
            lines: [summary] + lost.map { "lost: \($0.explanation)" } + unexpected.map { "unexpected: \($0.explanation)" }
                + redelivered.map { "redelivered: \($0.id) to \($0.redeliveredTo ?? "?")" }
        )
    }
}
