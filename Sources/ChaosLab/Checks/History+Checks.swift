import Foundation

extension History {
    /// The history of one check: what the lab published through the API and what the broker
    /// saw the workers do with those messages. A delivery to an auto-ack consumer counts as
    /// processed when it was sent: the broker forgot it then, and no one else can say more.
    public init(attempts: [PublishAttempt], deliveries: [MessageTrace]) {
        self.init()
        for attempt in attempts {
            recordPublishAttempted(attempt.token, at: attempt.at)
            let answeredAt = attempt.at.addingTimeInterval(attempt.took.seconds)
            if attempt.acknowledged {
                recordPublishAcknowledged(attempt.token, at: answeredAt, detail: "HTTP \(attempt.status ?? 0)")
            } else if let status = attempt.status, (400..<500).contains(status) {
                // The API said no: the message was not taken.
                recordPublishFailed(attempt.token, reason: "HTTP \(status)", at: answeredAt)
            }
            // No answer, or a server error (a timeout waiting for the broker's confirm): the
            // message may or may not have been taken, so it stays merely attempted.
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
