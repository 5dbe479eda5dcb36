import Foundation

/// Redelivery after `docker kill`: a worker is SIGKILLed in the middle of a long task; the
/// broker notices the closed socket and hands the same message, flagged redelivered, to
/// another worker, which completes it. Nothing is lost.
public struct RedeliveryCheck: ReliabilityCheck {
    /// How long the task takes, long enough to kill the worker in the middle of it.
    public var taskMilliseconds: Int
    /// How long to wait for the redelivery after the kill.
    public var redeliveryDeadline: Duration

    public init(taskMilliseconds: Int = 4_000, redeliveryDeadline: Duration = .seconds(20)) {
        self.taskMilliseconds = taskMilliseconds
        self.redeliveryDeadline = redeliveryDeadline
    }

    public var name: String { "redelivery" }
    public var title: String { "Redelivery after docker kill" }
    public var expectation: String {
        "The worker busy with a \(taskMilliseconds) ms task is killed with SIGKILL; the same message reaches another worker with redelivered=true and completes; nothing is lost."
    }
    public var mutants: [FixtureKnob] { [.autoAck] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard context.roles.workers.count >= 2 else {
            return .notApplicable("The stack has \(context.roles.workers.count) worker; a redelivery needs another worker to receive it.")
        }
        guard context.roles.api?.supportsWorkTime == true else {
            return .notApplicable("The API cannot ask for a long task, so a worker cannot be caught in the middle of one.")
        }
        let token = context.token(name, 1)
        let since = Date()
        let attempt = try await context.publish(token, workMilliseconds: taskMilliseconds)
        guard attempt.acknowledged else {
            return .fail("The API did not acknowledge the task: \(attempt.status.map(String.init) ?? "no response") \(attempt.detail).")
        }
        let first = try await context.waitForStart(of: token, since: since)
        // Read before the kill, while every worker consumes: an auto-ack consumer explains a loss.
        let consumers = (try? await context.broker.consumers(of: context.roles.workQueue)) ?? []
        context.logger.info("redelivery: \(first.worker) started \(token); killing it")
        let kill = try await context.faults.inject(.kill(ServiceTarget(service: first.worker)))

        let observer = WorkerObserver(stack: context.stack, roles: context.roles)
        var deliveries: [MessageTrace] = []
        var completed: MessageTrace?
        do {
            completed = try await Wait.until(
                "\(token) to be redelivered and completed", deadline: redeliveryDeadline + .milliseconds(taskMilliseconds), every: .milliseconds(300)
            ) { () async throws -> MessageTrace? in
                deliveries = try await observer.deliveries(tokenPrefix: token, since: since)
                return deliveries.first { $0.id == token && $0.worker != first.worker && $0.outcome == .acked }
            }
        } catch is WaitTimeout {
            deliveries = try await observer.deliveries(tokenPrefix: token, since: since)
        }
        let queue = try await context.broker.queue(named: context.roles.workQueue)
        let redelivery = deliveries.first { $0.id == token && $0.worker != first.worker }

        var figures: [Figure] = [
            Figure("deliveries", "deliveries of the task", Double(deliveries.count)),
            Figure("queue.after", "messages left in \(context.roles.workQueue)", Double(queue?.total ?? 0), unit: "messages"),
        ]
        if let redelivery {
            figures.append(.seconds("kill.to.redelivery", "time from the kill to the redelivery", .seconds(redelivery.start.timeIntervalSince(kill.at))))
        }
        if let end = completed?.end {
            figures.append(.seconds("kill.to.completion", "time from the kill to completion", .seconds(end.timeIntervalSince(kill.at))))
        }
        let analysis = HistoryChecker().check(History(attempts: [attempt], deliveries: deliveries))
        figures += analysis.figures
        let evidence = [analysis.evidence, Evidence(source: "workers", title: "Deliveries of \(token)", lines: deliveries.map {
            "\($0.worker) started at \($0.start.formatted(.iso8601.time(includingFractionalSeconds: true))) redelivered=\($0.redelivered) → \($0.outcome)"
        } + ["\(first.worker) killed with SIGKILL at \(kill.at.formatted(.iso8601.time(includingFractionalSeconds: true)))"])]

        guard let redelivery else {
            let held = queue?.total ?? 0
            return .fail(
                "1 message lost: \(token) was delivered to \(first.worker), which was killed with SIGKILL \(String(format: "%.1f", kill.at.timeIntervalSince(first.start))) s later, and it was never delivered again (waited \(Int(redeliveryDeadline.seconds)) s); \(context.roles.workQueue) holds \(held) message\(held == 1 ? "" : "s")."
                    + Self.autoAckHint(consumers, queue: context.roles.workQueue),
                figures: figures, evidence: evidence, messages: deliveries
            )
        }
        guard redelivery.redelivered else {
            return .fail("\(token) reached \(redelivery.worker) after the kill without the redelivered flag, so it was not the broker's redelivery of the killed worker's message.", figures: figures, evidence: evidence, messages: deliveries)
        }
        guard let completed else {
            return .fail("\(token) was redelivered to \(redelivery.worker) but never completed (outcome: \(redelivery.outcome)).", figures: figures, evidence: evidence, messages: deliveries)
        }
        let seconds = String(format: "%.2f", completed.start.timeIntervalSince(kill.at))
        return .pass(
            "\(first.worker) was killed in the middle of \(token); the broker redelivered it to \(completed.worker) with redelivered=true \(seconds) s after the kill, and it completed.",
            figures: figures, evidence: evidence, messages: deliveries
        )
    }

    /// A sentence naming auto-ack consumers, or "" when every consumer acknowledges.
    static func autoAckHint(_ consumers: [ConsumerStatus], queue: String) -> String {
        let automatic = consumers.filter { !$0.acknowledgementRequired }.count
        guard automatic > 0 else { return "" }
        return " The broker showed \(automatic) of \(consumers.count) consumers of \(queue) with auto-ack (ack_required false): a message counts as handled when it is sent, so it dies with its worker; consume with manual acknowledgements and ack after the work."
    }
}
