import Foundation
import Synchronization

/// A rolling update under load, on Swarm: while the lab publishes a steady stream of tasks
/// through the API, every worker service is updated task by task (`docker service update
/// --force`), start-first and then stop-first, as a deployment of a new version is. Every
/// message the API acknowledged must be processed: a worker stopped for its replacement gives
/// back what it had not acknowledged, and nothing is lost.
///
/// Judged as the soak is (``SoakAccounting``): from the broker's deliveries of the stream, with
/// the operation history checker, and for a task delivered to an auto-ack consumer (which the
/// broker forgets on sending) from what the workers printed, since a worker stopped for its
/// replacement takes such a task with it. The updates are faults on the report's timeline, each
/// with how long it took.
public struct RollingUpdateCheck: ReliabilityCheck {
    /// The pause between two published tasks.
    public var interval: Duration
    /// How long each task takes.
    public var workMilliseconds: Int
    /// The most tasks published, should the updates take long.
    public var maxMessages: Int

    public init(interval: Duration = .milliseconds(100), workMilliseconds: Int = 200, maxMessages: Int = 600) {
        self.interval = interval
        self.workMilliseconds = workMilliseconds
        self.maxMessages = maxMessages
    }

    public var name: String { "rolling-update" }
    public var title: String { "Rolling update under load on Swarm" }
    public var expectation: String {
        "While a task of \(workMilliseconds) ms is published through the API every \(Int(interval.seconds * 1000)) ms, each worker service is updated task by task, start-first and then stop-first; every task the API acknowledged is processed, none lost."
    }
    public var mutants: [FixtureKnob] { [.autoAck] }

    /// Tasks published before the first update.
    static let leadIn = 10

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard context.stack is any ServiceUpdating else {
            return .notApplicable("The stack runs on Compose, which has no rolling update; `chaoslab run --swarm` runs it on Swarm.")
        }
        if let outcome = RedeliveryCheck().notApplicable(to: context.roles) { return outcome }
        try context.requireObservation()
        guard context.roles.api != nil else {
            return .notApplicable("There is no HTTP API to publish the stream of tasks through.")
        }
        let services = context.roles.workers.map { ServiceTarget(worker: $0).service }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let since = Date()
        let prefix = context.token(name, 0).dropLast(1).description
        // The stream starts a second before the first update, and the lab names its consumers
        // then: once a start-first update runs, the slot's newest task stands for it, and the
        // old one, still consuming until it is stopped, could no longer be named.
        var attempts: [PublishAttempt] = []
        func publishNext() async throws {
            attempts.append(try await context.publish(context.token(name, attempts.count + 1), workMilliseconds: workMilliseconds))
            // The load's pace, not a wait for something to happen: the stream is steady.
            try await Task.sleep(for: interval)
        }
        for _ in 1...Self.leadIn { try await publishNext() }
        await context.observer.learnAsItHappens()
        let updating = UpdatesRunning()
        let updates = Task {
            defer { updating.finish() }
            var events: [FaultEvent] = []
            for order in UpdateOrder.allCases {
                for service in services {
                    context.logger.info("rolling-update: updating \(service), \(order.rawValue)")
                    events.append(try await context.faults.inject(.rollingUpdate(service, order: order)))
                }
            }
            return events
        }
        // Each replaced task's consumer must be named and its acknowledgement mode read while it
        // runs: once the update stopped it, neither Docker nor the broker can say any more, and
        // its deliveries would be judged without knowing whether they were auto-acked.
        let learning = Task {
            while !Task.isCancelled {
                await context.observer.learnAsItHappens()
                try? await Task.sleep(for: .seconds(1))
            }
        }
        defer { learning.cancel() }
        do {
            // The stream runs from before the first update to after the last, and stops by itself.
            while updating.isRunning || attempts.count < 2 * Self.leadIn, attempts.count < maxMessages {
                try await publishNext()
            }
        } catch {
            updates.cancel()
            _ = await updates.result
            throw error
        }
        let events = try await updates.value
        let acknowledged = Set(attempts.filter(\.acknowledged).map(\.token))
        let deliveries = try await context.waitForProcessing(of: acknowledged, prefix: prefix, since: since, deadline: .seconds(60))
        // The broker forgets an auto-acked task when it sends it: only the workers can say it was done.
        let output = await context.workerTraces(settling: deliveries, prefix: prefix, since: since, until: .now + .seconds(30))
        return judge(RollingUpdateObservation(
            attempts: attempts, deliveries: deliveries, workerOutput: output, updates: events,
            held: try? await context.broker.queue(named: context.roles.workQueue),
            gaps: await context.observer.gaps(since: since), queue: context.roles.workQueue, origin: since
        ))
    }
}

/// Whether the updates still run, read by the publishing loop.
private final class UpdatesRunning: Sendable {
    private let running = Mutex(true)

    var isRunning: Bool { running.withLock { $0 } }
    func finish() { running.withLock { $0 = false } }
}
