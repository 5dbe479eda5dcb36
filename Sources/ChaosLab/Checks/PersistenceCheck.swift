import Foundation

/// Persistent messages survive a broker crash: with the workers held back, K confirmed
/// persistent messages wait in the durable work queue and one more is in flight (delivered,
/// unacknowledged); the broker is SIGKILLed and started; the queue must still hold all K + 1,
/// and the workers must then process every one.
///
/// The broker says it all: queue depths and durability before and after (`rabbitmqctl`, which
/// counts live), whether each message was published persistent (the firehose shows its
/// delivery mode), and who processed what after the restart. When the API cannot be driven, the
/// lab publishes the messages itself, persistent, and says that the producer's delivery mode
/// was then not tested.
public struct PersistenceCheck: ReliabilityCheck {
    /// Messages waiting in the queue at the kill.
    public var queuedMessages: Int
    /// How long the in-flight task takes; long enough to still be running at the kill.
    public var inFlightMilliseconds: Int

    public init(queuedMessages: Int = 20, inFlightMilliseconds: Int = 8_000) {
        self.queuedMessages = queuedMessages
        self.inFlightMilliseconds = inFlightMilliseconds
    }

    public var name: String { "persistence" }
    public var title: String { "Persistent messages survive a broker kill" }
    public var expectation: String {
        "\(queuedMessages) confirmed persistent messages queued and 1 in flight when the broker is SIGKILLed: after it starts again the queue holds all \(queuedMessages + 1), and the workers process every one."
    }
    public var mutants: [FixtureKnob] { [.transientMessages, .nonDurableQueue] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let holder = context.roles.workers.first else {
            return .notApplicable("The stack has no worker role.")
        }
        try context.requireObservation()
        let broker = ServiceTarget(service: context.roles.broker)
        let prefix = context.token(name, 0).dropLast(1).description
        let since = Date()
        let clock = ContinuousClock()

        // One worker keeps the in-flight message; the others are stopped so the rest stays queued.
        try await context.stopWorkers(Array(context.roles.workers.dropFirst()))
        var load = try await loadQueue(context: context, holder: holder, since: since)
        if case .cannotJudge(let reason, let evidence) = load.problem {
            return .inconclusive(reason, evidence: evidence)
        }

        context.logger.info("persistence: killing the broker with SIGKILL")
        let kill = try await context.faults.inject(.kill(broker))
        try await context.stopWorkers([holder])
        try await context.faults.inject(.start(broker))
        let restartStart = clock.now
        let after = try await settledQueue(context: context)
        let restartTime = clock.now - restartStart
        // Workers start only once the lab watches again, so no delivery happens unseen.
        try await context.observer.waitUntilWatching(after: kill.at)

        for worker in context.roles.workers {
            try await context.faults.inject(.start(ServiceTarget(worker: worker)))
        }
        let survivors = after?.total ?? 0
        let restarted = Date()
        let deliveries = try await context.waitForProcessing(
            of: Set(load.tokens), prefix: prefix, since: since, deadline: survivors >= load.tokens.count ? .seconds(60) : .seconds(15)
        )
        let publishes = await context.observer.publishes(since: since).filter { event in event.token.map(load.tokens.contains) ?? false }
        load.persistent = Dictionary(publishes.map { ($0.token!, $0.persistent) }, uniquingKeysWith: { first, _ in first })
        var outcome = judge(PersistenceObservation(
            queue: context.roles.workQueue, load: load, killAt: kill.at, after: after, restartTime: restartTime,
            deliveries: deliveries, gaps: await context.observer.gaps(since: restarted)
        ))
        if let printed = await context.workerOutput(prefix: prefix, since: since) { outcome.evidence.append(printed) }
        return outcome
    }
}
