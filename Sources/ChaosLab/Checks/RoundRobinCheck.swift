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
        if let outcome = notApplicable(to: context.roles) { return outcome }
        try context.requireObservation()
        let workers = context.roles.workers
        let queue = context.roles.workQueue
        let total = messagesPerWorker * workers.count
        let prefix = context.token(name, 0).dropLast(1).description
        let since = Date()
        try await context.purge(queue)
        let consumers = try await context.broker.queue(named: queue)?.consumers ?? 0

        context.logger.info("round-robin: publishing \(total) quick messages")
        let clock = ContinuousClock()
        let start = clock.now
        let attempts = try await context.publish((1...total).map { context.token(name, $0) })
        let publishTime = clock.now - start
        let acknowledged = Set(attempts.filter(\.acknowledged).map(\.token))

        let deliveries = try await context.waitForProcessing(of: acknowledged, prefix: prefix, since: since, deadline: .seconds(30))
        let drainTime = clock.now - start
        let gaps = await context.observer.gaps(since: since)
        // What the queue still holds explains a message not seen processed.
        let missing = !acknowledged.isSubset(of: CheckContext.handled(deliveries))
        let held = missing && gaps.isEmpty ? try? await context.broker.queue(named: queue) : nil

        var outcome = judge(Observation(
            workers: workers, workQueue: queue, attempts: attempts, deliveries: deliveries, consumers: consumers,
            held: held, publishTime: publishTime, drainTime: drainTime, gaps: gaps
        ))
        if let refused = context.unacknowledgedEvidence(attempts) { outcome.evidence.append(refused) }
        if let printed = await context.workerOutput(prefix: prefix, since: since) { outcome.evidence.append(printed) }
        return outcome
    }
}
