import Foundation

/// Everything the rolling-update check saw, for ``RollingUpdateCheck/judge(_:)``.
struct RollingUpdateObservation: Sendable {
    /// Every task published through the API.
    var attempts: [PublishAttempt]
    /// The broker's deliveries of the stream.
    var deliveries: [MessageTrace]
    /// The updates, in order.
    var updates: [FaultEvent]
    /// The work queue once the wait ended.
    var held: QueueStatus?
    var gaps: [ObservationGap]
    var queue: String
}

extension RollingUpdateCheck {
    /// The verdict on what was seen: a pure function, tested without a swarm.
    func judge(_ seen: RollingUpdateObservation) -> CheckOutcome {
        let analysis = HistoryChecker().check(History(attempts: seen.attempts, deliveries: seen.deliveries))
        let acknowledged = seen.attempts.filter(\.acknowledged).count
        var figures = [
            Figure("published", "tasks acknowledged by the API", Double(acknowledged), unit: "messages"),
            Figure("redelivered", "tasks redelivered", Double(analysis.redelivered.count), unit: "messages"),
        ]
        figures += seen.updates.map { event in
            .seconds("update.\(event.fault.target.service).\(Self.order(of: event) ?? "")", "time to update \(event.fault.target.service), \(Self.order(of: event) ?? "")", event.took)
        }
        figures += analysis.figures.filter { $0.key.hasPrefix("messages.") || $0.key.hasPrefix("latency.") }
        let evidence = [analysis.evidence, Evidence(
            source: "broker",
            title: "Deliveries of the stream that were redelivered or not settled (the broker's firehose)",
            lines: seen.deliveries.filter { $0.redelivered || !$0.outcome.isHandled }.map { "\($0.id) → \($0.worker)\($0.redelivered ? " (redelivered)" : ""): \($0.outcome.rawValue)" }
        )]
        let updated = seen.updates.map { "\($0.fault.target.service) \(Self.order(of: $0) ?? "") in \(String(format: "%.1f", $0.took.seconds)) s" }.joined(separator: ", ")
        if acknowledged == 0 {
            return .inconclusive("The API acknowledged none of the \(seen.attempts.count) tasks, so there was no load to update under; api-contract judges the API.", figures: figures, evidence: evidence)
        }
        guard analysis.lost.isEmpty else {
            if !seen.gaps.isEmpty {
                return .inconclusive("\(analysis.lost.count) of \(acknowledged) acknowledged tasks were not seen processed, but the lab was not watching the broker the whole time (\(seen.gaps[0])).", figures: figures, evidence: evidence, messages: seen.deliveries)
            }
            let held = seen.held.map { "; \(seen.queue) holds \($0.ready) ready and \($0.unacknowledged) unacknowledged" } ?? ""
            return .fail("\(analysis.lost.count) of \(acknowledged) tasks the API acknowledged were never processed while the workers were updated (\(updated)): \(analysis.lost.prefix(3).map(\.explanation).joined(separator: "; "))\(held).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        return .pass("All \(acknowledged) tasks the API acknowledged were processed while the workers were updated task by task (\(updated)); \(analysis.redelivered.count) came back redelivered from a stopped task.", figures: figures, evidence: evidence, messages: seen.deliveries)
    }

    private static func order(of event: FaultEvent) -> String? {
        guard case .rollingUpdate(let order) = event.fault.action else { return nil }
        return order.rawValue
    }
}
