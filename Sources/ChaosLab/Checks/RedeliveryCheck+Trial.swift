import Foundation

extension RedeliveryCheck {
    /// One try: publish a long task, kill the worker that received it, follow the message.
    struct Trial {
        enum Result {
            case concluded(CheckOutcome)
            /// The killed worker had settled the message already.
            case killLandedLate(worker: String, detail: String)
        }

        let check: RedeliveryCheck
        let context: CheckContext
        let token: String
        let taskMilliseconds: Int

        func run() async throws -> Result {
            let since = Date()
            let queue = context.roles.workQueue
            let attempt = try await context.publish(token, workMilliseconds: taskMilliseconds)
            guard attempt.acknowledged else {
                return .concluded(RedeliveryCheck.unpublished(attempt))
            }
            let first = try await context.waitForStart(of: token, since: since)
            // Read before the kill, while every worker consumes: an auto-ack consumer explains a loss.
            let consumers = await context.observer.consumerFacts(of: queue)
            context.logger.info("redelivery: \(first.worker) received \(token); killing it")
            let kill = try await context.faults.inject(.kill(ServiceTarget(worker: first.worker)))
            // The only worker gets its message back once it runs again.
            let restarted = context.roles.workers.count == 1
            if restarted {
                try await context.faults.inject(.start(ServiceTarget(worker: first.worker)))
            }

            // Returns once a delivery of the token is settled: the redelivery acknowledged, or
            // the first one if the kill came too late (or never mattered, with auto-ack).
            let deliveries = try await context.waitForProcessing(
                of: [token], prefix: token, since: since, deadline: check.redeliveryDeadline + .milliseconds(taskMilliseconds)
            )
            let held = try? await context.broker.queue(named: queue)
            let result = check.judge(TrialObservation(
                token: token, queue: queue, attempt: attempt, first: first, consumers: consumers,
                killAt: kill.at, deliveries: deliveries, held: held, gaps: await context.observer.gaps(since: since), restarted: restarted
            ))
            guard case .concluded(var outcome) = result else { return result }
            if let printed = await context.workerOutput(prefix: token, since: since) { outcome.evidence.append(printed) }
            return .concluded(outcome)
        }
    }
}
