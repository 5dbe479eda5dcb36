import Foundation

/// Prefetch=1 fairness: a worker busy with a long task is sent nothing more until it
/// acknowledges, so short tasks go to the idle worker; and no consumer ever holds more than
/// one unacknowledged delivery.
///
/// Judged from the broker: the firehose shows on which channel each task was delivered and
/// when, the consumer list gives each consumer's limits (its own prefetch and the channel's
/// global one), and samples of the channels show how many deliveries each held at once.
public struct PrefetchFairnessCheck: ReliabilityCheck {
    /// How long the long task takes.
    public var longTaskMilliseconds: Int
    /// How many short tasks follow it.
    public var shortTasks: Int
    /// How long each short task takes.
    public var shortTaskMilliseconds: Int
    /// A delivery to the busy worker this close to the end of its long task is not held
    /// against it: a worker's clock and the lab's disagree by about this much.
    public var margin: Duration

    public init(longTaskMilliseconds: Int = 5_000, shortTasks: Int = 6, shortTaskMilliseconds: Int = 200, margin: Duration = .milliseconds(500)) {
        self.longTaskMilliseconds = longTaskMilliseconds
        self.shortTasks = shortTasks
        self.shortTaskMilliseconds = shortTaskMilliseconds
        self.margin = margin
    }

    public var name: String { "prefetch-fairness" }
    public var title: String { "Prefetch=1 fairness" }
    public var expectation: String {
        "While one worker is busy with a \(longTaskMilliseconds) ms task, the \(shortTasks) short tasks that follow all go to the other worker(s) (deliveries in the last \(Int(margin.seconds * 1000)) ms of the long task excepted); every consumer of the work queue is limited to 1 unacknowledged delivery, and the broker never sees more on one."
    }
    public var mutants: [FixtureKnob] { [.prefetchUnlimited] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        if let outcome = notApplicable(to: context.roles) { return outcome }
        try context.requireObservation()
        let prefix = context.token(name, 0).dropLast(1).description
        let since = Date()
        let long = context.token(name, 0)
        let shorts = (1...shortTasks).map { context.token(name, $0) }

        let ((longAttempt, attempts, busy), samples, sampleFailures) = try await ChannelSampler.sampling(context.broker) {
            let longAttempt = try await context.publish(long, workMilliseconds: longTaskMilliseconds)
            guard longAttempt.acknowledged else { return (longAttempt, [PublishAttempt](), MessageTrace?.none) }
            let busy = try await context.waitForStart(of: long, since: since)
            context.logger.info("prefetch-fairness: \(busy.worker) is busy with \(long); publishing \(shortTasks) short tasks")
            let attempts = try await context.publish(shorts, workMilliseconds: shortTaskMilliseconds)
            let deadline = Duration.milliseconds(longTaskMilliseconds + shortTasks * shortTaskMilliseconds) + .seconds(20)
            _ = try await context.waitForProcessing(of: Set([long] + attempts.filter(\.acknowledged).map(\.token)), prefix: prefix, since: since, deadline: deadline)
            return (longAttempt, attempts, busy)
        }
        guard let busy else { return Self.unpublished(longAttempt) }
        let deliveries = await context.observer.deliveries(since: since).filter { $0.queue == context.roles.workQueue && ($0.token?.hasPrefix(prefix) ?? false) }
        let consumers = await context.observer.consumerFacts(of: context.roles.workQueue)
        let observation = Observation(
            long: long, busyWorker: busy.worker, deliveries: deliveries, consumers: consumers, workers: context.roles.workers,
            acknowledged: attempts.filter(\.acknowledged).map(\.token), publishedAt: Dictionary(attempts.map { ($0.token, $0.at) }, uniquingKeysWith: { first, _ in first }),
            samples: samples, sampleFailures: sampleFailures, names: await Self.names(of: samples, observer: context.observer),
            gaps: await context.observer.gaps(since: since)
        )
        var outcome = judge(observation)
        if let refused = context.unacknowledgedEvidence(attempts) { outcome.evidence.append(refused) }
        if let printed = await context.workerOutput(prefix: prefix, since: since) { outcome.evidence.append(printed) }
        return outcome
    }

    /// The service behind each sampled channel's client address.
    private static func names(of samples: [ChannelSampler.Sample], observer: BrokerObserver) async -> [String: String] {
        var names: [String: String] = [:]
        for address in Set(samples.flatMap { $0.channels.map(\.clientAddress) }) {
            names[address] = await observer.name(of: address)
        }
        return names
    }
}
