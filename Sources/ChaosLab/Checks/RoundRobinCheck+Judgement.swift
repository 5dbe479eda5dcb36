import Foundation

extension RoundRobinCheck {
    /// Everything the check saw, for ``judge(_:)``.
    struct Observation {
        var workers: [String]
        var workQueue: String
        /// Every publish attempt through the API.
        var attempts: [PublishAttempt]
        /// The broker's deliveries of the check's messages from the work queue.
        var deliveries: [MessageTrace]
        /// Consumers on the work queue when the check started.
        var consumers: Int
        /// The work queue once the wait ended, read only when a message was not seen processed;
        /// `nil` otherwise or when it could not be read.
        var held: QueueStatus?
        var publishTime: Duration
        var drainTime: Duration
        /// Times the lab was not watching the broker.
        var gaps: [ObservationGap]
    }

    /// The outcome for a stack that does not claim the property; `nil` when it does.
    func notApplicable(to roles: StackRoles) -> CheckOutcome? {
        roles.workers.count >= 2 ? nil : .notApplicable("The stack has \(roles.workers.count) worker; round-robin needs at least two.")
    }

    /// The verdict on what was seen: a pure function, so every path is tested without a broker.
    func judge(_ seen: Observation) -> CheckOutcome {
        let workers = seen.workers
        let total = messagesPerWorker * workers.count
        let deliveries = seen.deliveries
        let acknowledged = seen.attempts.filter(\.acknowledged).count
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: workers.map { ($0, 0) })
        for delivery in deliveries where delivery.outcome.isHandled {
            counts[delivery.worker, default: 0] += 1
        }
        let processed = Set(deliveries.filter(\.outcome.isHandled).map(\.id))
        var figures = workers.map { Figure("deliveries.\($0)", "\($0) processed", Double(counts[$0] ?? 0), unit: "messages") }
        figures += [
            Figure("published", "messages acknowledged by the API", Double(acknowledged), unit: "messages"),
            Figure("processed", "messages processed", Double(processed.count), unit: "messages"),
            Figure("consumers", "consumers on \(seen.workQueue) at the start", Double(seen.consumers)),
            .seconds("publish.time", "time to publish", seen.publishTime),
            .seconds("drain.time", "time until all were processed", seen.drainTime),
        ]
        let analysis = HistoryChecker().check(History(attempts: seen.attempts, deliveries: deliveries))
        figures += analysis.figures.filter { $0.key.hasPrefix("messages.") || $0.key.hasPrefix("latency.") }
        let evidence = [analysis.evidence, Evidence(
            source: "broker",
            title: "Who received which message, and how it was settled (the broker's firehose)",
            lines: deliveries.map { "\($0.id) → \($0.worker) (\($0.outcome.rawValue))" }
        )]

        let split = workers.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        if acknowledged < total {
            return .inconclusive("The API acknowledged only \(acknowledged) of \(total) messages, so the split cannot be judged (\(split)); api-contract judges the refusals.", figures: figures, evidence: evidence, messages: deliveries)
        }
        if !analysis.lost.isEmpty {
            if !seen.gaps.isEmpty {
                return .inconclusive("\(analysis.lost.count) of \(total) messages were not seen processed, but the lab was not watching the broker the whole time (\(seen.gaps[0])); split so far: \(split).", figures: figures, evidence: evidence, messages: deliveries)
            }
            let held = seen.held.map { " \(seen.workQueue) still holds \($0.ready) ready and \($0.unacknowledged) unacknowledged." } ?? ""
            return .fail("\(analysis.lost.count) of \(total) messages were never processed within 30 s (\(analysis.lost[0].explanation)); split so far: \(split).\(held)", figures: figures, evidence: evidence, messages: deliveries)
        }
        let uneven = workers.filter { abs((counts[$0] ?? 0) - messagesPerWorker) > tolerance }
        if !uneven.isEmpty {
            let detail = uneven.map { "\($0) processed \(counts[$0] ?? 0) of \(total)" }.joined(separator: " and ")
            return .fail(
                "Delivery is not round-robin: \(detail), expected \(messagesPerWorker) ± \(tolerance) each; the broker saw \(seen.consumers) consumer\(seen.consumers == 1 ? "" : "s") on \(seen.workQueue), expected \(workers.count).",
                figures: figures, evidence: evidence, messages: deliveries
            )
        }
        return .pass("\(total) messages split \(split) (expected \(messagesPerWorker) ± \(tolerance) each).", figures: figures, evidence: evidence, messages: deliveries)
    }
}
