import Foundation

/// Everything the rolling-update check saw, for ``RollingUpdateCheck/judge(_:)``.
struct RollingUpdateObservation: Sendable {
    /// Every task published through the API.
    var attempts: [PublishAttempt]
    /// The broker's deliveries of the stream.
    var deliveries: [MessageTrace]
    /// What the workers printed about the stream, when the roles say how to read it.
    var workerOutput: [MessageTrace]?
    /// The updates, in order.
    var updates: [FaultEvent]
    /// The work queue once the wait ended.
    var held: QueueStatus?
    var gaps: [ObservationGap]
    var queue: String
    /// When the stream started: the origin of the lost tasks' times.
    var origin: Date
}

extension RollingUpdateCheck {
    /// The verdict on what was seen: a pure function, tested without a swarm.
    func judge(_ seen: RollingUpdateObservation) -> CheckOutcome {
        let accounting = SoakAccounting(
            attempts: seen.attempts, deliveries: seen.deliveries, workerOutput: seen.workerOutput, gaps: seen.gaps, windows: [], injected: seen.updates, origin: seen.origin
        ).account()
        let analysis = accounting.analysis
        let acknowledged = seen.attempts.filter(\.acknowledged).count
        let autoAcked = Set(seen.deliveries.filter { $0.outcome == .autoAcked }.map(\.id))
        var figures = [
            Figure("published", "tasks acknowledged by the API", Double(acknowledged), unit: "messages"),
            Figure("redelivered", "tasks redelivered", Double(analysis.redelivered.count), unit: "messages"),
        ]
        figures += seen.updates.map { event in
            .seconds("update.\(event.fault.target.service).\(Self.order(of: event) ?? "")", "time to update \(event.fault.target.service), \(Self.order(of: event) ?? "")", event.took)
        }
        figures += analysis.figures.filter { $0.key.hasPrefix("messages.") || $0.key.hasPrefix("latency.") }
        var evidence = [analysis.evidence, Evidence(
            source: "broker",
            title: "Deliveries of the stream that were redelivered or not settled (the broker's firehose)",
            lines: seen.deliveries.filter { $0.redelivered || $0.outcome != .acked }.prefix(200).map { "\($0.id) → \($0.worker)\($0.redelivered ? " (redelivered)" : ""): \($0.outcome.rawValue)" }
        )]
        if !accounting.lost.isEmpty {
            evidence.append(Evidence(source: "lab", title: "Lost tasks, each with its story (seconds from the stream's start)", lines: accounting.lost.prefix(50).map(\.description)))
        }
        let updated = seen.updates.map { "\($0.fault.target.service) \(Self.order(of: $0) ?? "") in \(String(format: "%.1f", $0.took.seconds)) s" }.joined(separator: ", ")
        if acknowledged == 0 {
            return .inconclusive("The API acknowledged none of the \(seen.attempts.count) tasks, so there was no load to update under; api-contract judges the API.", figures: figures, evidence: evidence)
        }
        if !accounting.lost.isEmpty {
            let held = seen.held.map { "; \(seen.queue) holds \($0.ready) ready and \($0.unacknowledged) unacknowledged" } ?? ""
            let byAutoAck = accounting.lost.filter { autoAcked.contains($0.token) }.count
            let why = byAutoAck == 0 ? "" : " (\(byAutoAck) of them delivered to an auto-ack consumer, which the broker forgot on sending, and never shown done by a worker: a worker stopped for its replacement took them with it)"
            return .fail("\(accounting.lost.count) of \(acknowledged) tasks the API acknowledged were never processed while the workers were updated (\(updated))\(why): \(accounting.lost.prefix(3).map(\.description).joined(separator: "; "))\(held).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        if !accounting.unobserved.isEmpty {
            return .inconclusive("\(accounting.unobserved.count) of \(acknowledged) tasks could not be accounted for (\(accounting.unobserved.prefix(3).joined(separator: ", "))): they went to an auto-ack consumer, or the lab was not watching the broker when they may have been delivered, and the workers print nothing the lab can read. No task was seen lost.", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        let confirmed = autoAcked.isEmpty ? "" : " (\(autoAcked.count) delivered to auto-ack consumers, each shown done by a worker)"
        return .pass("All \(acknowledged) tasks the API acknowledged were processed while the workers were updated task by task (\(updated))\(confirmed); \(analysis.redelivered.count) came back redelivered from a stopped task.", figures: figures, evidence: evidence, messages: seen.deliveries)
    }

    private static func order(of event: FaultEvent) -> String? {
        guard case .rollingUpdate(let order) = event.fault.action else { return nil }
        return order.rawValue
    }
}
