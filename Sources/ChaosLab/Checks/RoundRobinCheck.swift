import Foundation

/// Round-robin delivery: with every worker idle at prefetch 1, quick messages are spread
/// evenly. Counts are asserted, not strict alternation, because a worker that finishes a
/// little early may legitimately take two in a row.
public struct RoundRobinCheck: ReliabilityCheck {
    /// Messages per worker.
    public var messagesPerWorker: Int
    /// How far a worker's count may be from the even share.
    public var tolerance: Int

    public init(messagesPerWorker: Int = 10, tolerance: Int? = nil) {
        self.messagesPerWorker = messagesPerWorker
        self.tolerance = tolerance ?? max(1, messagesPerWorker / 5)
    }

    public var name: String { "round-robin" }
    public var title: String { "Round-robin delivery" }
    public var expectation: String {
        "With every worker idle, \(messagesPerWorker) quick messages per worker are split evenly: each worker gets \(messagesPerWorker) ± \(tolerance)."
    }
    public var mutants: [FixtureKnob] { [.idleWorker2] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        let workers = context.roles.workers
        guard workers.count >= 2 else {
            return .notApplicable("The stack has \(workers.count) worker; round-robin needs at least two.")
        }
        try context.requireObservation()
        let total = messagesPerWorker * workers.count
        let prefix = context.token(name, 0).dropLast(1).description
        let since = Date()
        try await context.broker.purge(context.roles.workQueue)
        let consumers = try await context.broker.queue(named: context.roles.workQueue)?.consumers ?? 0

        context.logger.info("round-robin: publishing \(total) quick messages")
        let clock = ContinuousClock()
        let start = clock.now
        let attempts = try await context.publish((1...total).map { context.token(name, $0) })
        let publishTime = clock.now - start
        let acknowledged = attempts.filter(\.acknowledged).count

        let deliveries = try await context.waitForProcessing(
            of: Set(attempts.filter(\.acknowledged).map(\.token)), prefix: prefix, since: since, deadline: .seconds(30)
        )
        let drainTime = clock.now - start

        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: workers.map { ($0, 0) })
        for delivery in deliveries where delivery.outcome.isHandled {
            counts[delivery.worker, default: 0] += 1
        }
        let processed = Set(deliveries.filter(\.outcome.isHandled).map(\.id))
        var figures = workers.map { Figure("deliveries.\($0)", "\($0) processed", Double(counts[$0] ?? 0), unit: "messages") }
        figures += [
            Figure("published", "messages acknowledged by the API", Double(acknowledged), unit: "messages"),
            Figure("processed", "messages processed", Double(processed.count), unit: "messages"),
            Figure("consumers", "consumers on \(context.roles.workQueue) at the start", Double(consumers)),
            .seconds("publish.time", "time to publish", publishTime),
            .seconds("drain.time", "time until all were processed", drainTime),
        ]
        let analysis = HistoryChecker().check(History(attempts: attempts, deliveries: deliveries))
        figures += analysis.figures.filter { $0.key.hasPrefix("messages.") || $0.key.hasPrefix("latency.") }
        var evidence = [analysis.evidence, Evidence(
            source: "broker",
            title: "Who received which message, and how it was settled (the broker's firehose)",
            lines: deliveries.map { "\($0.id) → \($0.worker) (\($0.outcome.rawValue))" }
        )]
        if let refused = context.unacknowledgedEvidence(attempts) { evidence.append(refused) }
        if let printed = await context.workerOutput(prefix: prefix, since: since) { evidence.append(printed) }
        let gaps = await context.observer.gaps(since: since)

        let split = workers.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        if acknowledged < total {
            return .inconclusive("The API acknowledged only \(acknowledged) of \(total) messages, so the split cannot be judged (\(split)); api-contract judges the refusals.", figures: figures, evidence: evidence, messages: deliveries)
        }
        if !analysis.lost.isEmpty {
            if !gaps.isEmpty {
                return .inconclusive("\(analysis.lost.count) of \(total) messages were not seen processed, but the lab was not watching the broker the whole time (\(gaps[0])); split so far: \(split).", figures: figures, evidence: evidence, messages: deliveries)
            }
            let waiting = try? await context.broker.queue(named: context.roles.workQueue)
            let held = waiting.map { " \(context.roles.workQueue) still holds \($0.ready) ready and \($0.unacknowledged) unacknowledged." } ?? ""
            return .fail("\(analysis.lost.count) of \(total) messages were never processed within 30 s (\(analysis.lost[0].explanation)); split so far: \(split).\(held)", figures: figures, evidence: evidence, messages: deliveries)
        }
        let uneven = workers.filter { abs((counts[$0] ?? 0) - messagesPerWorker) > tolerance }
        if !uneven.isEmpty {
            let detail = uneven.map { "\($0) processed \(counts[$0] ?? 0) of \(total)" }.joined(separator: " and ")
            return .fail(
                "Delivery is not round-robin: \(detail), expected \(messagesPerWorker) ± \(tolerance) each; the broker saw \(consumers) consumer\(consumers == 1 ? "" : "s") on \(context.roles.workQueue), expected \(workers.count).",
                figures: figures, evidence: evidence, messages: deliveries
            )
        }
        return .pass("\(total) messages split \(split) (expected \(messagesPerWorker) ± \(tolerance) each).", figures: figures, evidence: evidence, messages: deliveries)
    }
}
