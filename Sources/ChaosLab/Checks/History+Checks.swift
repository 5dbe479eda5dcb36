import Foundation

extension History {
    /// The history of one check: what the lab published through the API and what the workers
    /// were seen doing with those messages.
    public init(attempts: [PublishAttempt], deliveries: [MessageTrace]) {
        self.init()
        for attempt in attempts {
            recordPublishAttempted(attempt.token, at: attempt.at)
            let answeredAt = attempt.at.addingTimeInterval(attempt.took.seconds)
            if attempt.acknowledged {
                recordPublishAcknowledged(attempt.token, at: answeredAt, detail: "HTTP \(attempt.status ?? 0)")
            } else {
                recordPublishFailed(attempt.token, reason: attempt.status.map { "HTTP \($0)" } ?? attempt.detail, at: answeredAt)
            }
        }
        for delivery in deliveries {
            recordDelivered(delivery.id, to: delivery.worker, redelivered: delivery.redelivered, at: delivery.start, source: .workerStdout)
            guard let end = delivery.end else { continue }
            switch delivery.outcome {
            case "acked": recordProcessed(delivery.id, by: delivery.worker, redelivered: delivery.redelivered, at: end, source: .workerStdout)
            case "rejected": recordRejected(delivery.id, by: delivery.worker, redelivered: delivery.redelivered, at: end, source: .workerStdout)
            case "requeued": recordRequeued(delivery.id, by: delivery.worker, redelivered: delivery.redelivered, at: end, source: .workerStdout)
            default: break
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
