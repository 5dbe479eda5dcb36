import Foundation

/// A chaos soak, Jepsen's way: a steady load of the lab's tokens (the workload) while a
/// nemesis kills, stops, pauses and cuts off workers and crashes the broker, every publish
/// attempt recorded (the history), then, with everything healed and the queue drained, a
/// total-queue checker: no acknowledged message may be lost, none processed that nobody
/// published.
///
/// Only the broker's account of deliveries decides (``BrokerObserver``); where the lab could
/// not watch it (re-arming the firehose after a broker restart) the workers' output may tell,
/// and a message neither shows is *unobserved*, which makes the soak inconclusive, never failed.
/// Not in the default catalogue: it runs with `chaoslab soak`.
public struct SoakCheck: ReliabilityCheck {
    public var options: SoakOptions

    public init(options: SoakOptions = SoakOptions()) {
        self.options = options
    }

    public var name: String { "soak" }
    public var title: String { "Chaos soak: no acknowledged message lost" }
    public var expectation: String {
        "Under a steady load while workers are killed, stopped, paused and cut off and the broker crashes, every message the stack acknowledged is processed at least once once the faults are healed and the queue has drained (duplicates are reported; at-least-once allows them), and nothing is processed that was never published."
    }
    public var mutants: [FixtureKnob] { [.autoAck, .transientMessages] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        try context.requireObservation()
        let schedule = options.schedule(workers: context.roles.workers, broker: context.roles.broker)
        try schedule.validate(services: context.roles.soakServices, broker: context.roles.broker)
        let (target, via) = target(in: context)
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("chaoslab-soak-\(context.runID)-\(UUID().uuidString.prefix(8)).jsonl")
        defer { try? FileManager.default.removeItem(at: journal) }
        // A word of its own in every token: a second soak in the same run (the live suites
        // share one) numbers its messages from 1 again, and the workers' record file keeps the
        // first one's.
        let tokenName = "\(name)-" + String((0..<4).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        let configuration = SoakLoadConfiguration(
            duration: .seconds(options.duration), runID: context.runID, tokenName: tokenName, rate: options.rate,
            lanes: max(1, via == .amqp ? min(options.concurrency, 4) : options.concurrency),
            workMilliseconds: options.workMilliseconds, journal: journal
        )
        let prefix = "\(tokenName)-\(context.runID)-"
        let since = Date()
        let origin = options.schedule == nil ? "seed \(options.seed)" : "schedule given"
        context.logger.info("soak: \(Int(options.duration)) s through \(via == .api ? "the API" : "the broker (AMQP)"), \(schedule.faults.count) faults, \(origin)")
        let played = try await play(schedule, load: SoakLoad(target, configuration: configuration), context: context)
        context.logger.info("soak: load over, \(played.load.acknowledged) acknowledged; faults healed; waiting for the queue to drain")
        let attempts = try PublishAttemptJournal.read(from: journal)
        let observed = try await drain(attempts: attempts, prefix: prefix, since: since, context: context)
        let accounting = SoakAccounting(
            attempts: attempts, deliveries: observed.traces, workerOutput: observed.workerOutput, gaps: await context.observer.gaps(since: since),
            windows: played.windows, origin: played.load.started, leftInQueue: observed.leftInQueue,
            deadLettered: observed.deadLettered
        ).account()
        let settled = LatencyHistogram.settlementTimes(await context.observer.deliveries(since: since).filter { $0.token?.hasPrefix(prefix) ?? false })
        let summary = Self.summary(
            options: options, schedule: schedule, played: played, attempts: attempts, traces: observed.traces,
            accounting: accounting, endToEnd: LatencyHistogram.endToEnd(attempts: attempts, settled: settled).summary
        )
        return Self.judge(summary)
    }

    /// Where the load publishes: the API when the stack has one and it was asked for, else
    /// straight to the broker.
    func target(in context: CheckContext) -> (SoakTarget, PublishRoute) {
        if options.route == .api, let api = context.roles.api {
            return (.api(api), .api)
        }
        if options.route == .api {
            context.logger.info("soak: the stack has no HTTP API; publishing straight to the broker")
        }
        return (.amqp(.workQueue(of: context.observer.line)), .amqp)
    }
}
