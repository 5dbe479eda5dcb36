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

        let observer = WorkerObserver(stack: context.stack, roles: context.roles)
        var deliveries: [MessageTrace] = []
        do {
            deliveries = try await Wait.until("all \(acknowledged) messages to be processed", deadline: .seconds(30), every: .milliseconds(500)) {
                let seen = try await observer.deliveries(tokenPrefix: prefix, since: since)
                return Set(seen.filter { $0.outcome == .acked }.map(\.id)).count >= acknowledged ? seen : nil
            }
        } catch is WaitTimeout {
            deliveries = try await observer.deliveries(tokenPrefix: prefix, since: since)
        }
        let drainTime = clock.now - start

        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: workers.map { ($0, 0) })
        for delivery in deliveries where delivery.outcome == .acked {
            counts[delivery.worker, default: 0] += 1
        }
        let processed = Set(deliveries.filter { $0.outcome == .acked }.map(\.id))
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
            source: "workers",
            title: "Who processed which message",
            lines: deliveries.map { "\($0.id) → \($0.worker) (\($0.outcome))" }
        )]
        if let refused = context.unacknowledgedEvidence(attempts) { evidence.append(refused) }

        let split = workers.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        if acknowledged < total {
            return .fail("The API acknowledged only \(acknowledged) of \(total) messages, so the split cannot be judged (\(split)).", figures: figures, evidence: evidence, messages: deliveries)
        }
        if !analysis.lost.isEmpty {
            return .fail("\(analysis.lost.count) of \(total) messages were never processed within 30 s (\(analysis.lost[0].explanation)); split so far: \(split).", figures: figures, evidence: evidence, messages: deliveries)
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
