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
                return .concluded(.inconclusive("The API did not acknowledge the task (\(attempt.status.map(String.init) ?? "no response") \(attempt.detail.prefix(200))), so there was nothing to kill a worker over; api-contract judges the API."))
            }
            let first = try await context.waitForStart(of: token, since: since)
            // Read before the kill, while every worker consumes: an auto-ack consumer explains a loss.
            let consumers = await context.observer.consumerFacts(of: queue)
            let autoAck = consumers.filter { !$0.facts.acknowledges }
            let firstAcknowledges = !autoAck.contains { $0.service == first.worker }
            context.logger.info("redelivery: \(first.worker) received \(token); killing it")
            let kill = try await context.faults.inject(.kill(ServiceTarget(service: first.worker)))

            // Returns once a delivery of the token is settled: the redelivery acknowledged, or
            // the first one if the kill came too late (or never mattered, with auto-ack).
            let deliveries = try await context.waitForProcessing(
                of: [token], prefix: token, since: since, deadline: check.redeliveryDeadline + .milliseconds(taskMilliseconds)
            )
            let completed = deliveries.first { $0.start > first.start && $0.outcome.isHandled }
            let held = try? await context.broker.queue(named: queue)
            let redelivery = deliveries.first { $0.id == token && $0.start > first.start }

            if redelivery == nil, firstAcknowledges, (held?.total ?? 1) == 0 {
                return .killLandedLate(worker: first.worker, detail: "\(first.worker) acknowledged \(token) before the SIGKILL, \(String(format: "%.2f", kill.at.timeIntervalSince(first.start))) s after receiving it")
            }
            var figures: [Figure] = [
                Figure("deliveries", "deliveries of the task", Double(deliveries.count)),
                Figure("queue.after", "messages left in \(queue)", Double(held?.total ?? 0), unit: "messages"),
                .seconds("received.to.kill", "time from receiving the task to the kill", .seconds(kill.at.timeIntervalSince(first.start))),
            ]
            if let redelivery {
                figures.append(.seconds("kill.to.redelivery", "time from the kill to the redelivery", .seconds(redelivery.start.timeIntervalSince(kill.at))))
            }
            if let end = completed?.end {
                figures.append(.seconds("kill.to.completion", "time from the kill until the broker showed it settled", .seconds(end.timeIntervalSince(kill.at))))
            }
            let analysis = HistoryChecker().check(History(attempts: [attempt], deliveries: deliveries))
            figures += analysis.figures
            var evidence = [analysis.evidence, Evidence(source: "broker", title: "Deliveries of \(token) (the broker's firehose)", lines: deliveries.map {
                "\($0.worker) received it at \($0.start.formatted(.iso8601.time(includingFractionalSeconds: true))) redelivered=\($0.redelivered) → \($0.outcome.rawValue)"
            } + ["\(first.worker) killed with SIGKILL at \(kill.at.formatted(.iso8601.time(includingFractionalSeconds: true)))"]
                + consumers.map { "consumer of \(queue) on \($0.service): ack_required \($0.facts.acknowledges), prefetch \($0.facts.prefetch)" })]
            if let printed = await context.workerOutput(prefix: token, since: since) { evidence.append(printed) }
            let messages = deliveries

            guard let redelivery else {
                let depth = held.map { "\(queue) holds \($0.ready) ready and \($0.unacknowledged) unacknowledged" } ?? "\(queue) could not be read"
                if !firstAcknowledges {
                    return .concluded(.fail(
                        "1 message lost: \(token) was delivered to \(first.worker), which consumes \(queue) with auto-ack (the broker's consumer list shows ack_required false), so the broker forgot it when it sent it; \(first.worker) was killed with SIGKILL \(String(format: "%.1f", kill.at.timeIntervalSince(first.start))) s later and the message was never delivered again (waited \(Int(check.redeliveryDeadline.seconds)) s; \(depth))."
                            + RedeliveryCheck.autoAckHint(autoAck.count, of: consumers.count, queue: queue),
                        figures: figures, evidence: evidence, messages: messages
                    ))
                }
                return .concluded(.fail(
                    "\(token) was given back when \(first.worker) was killed, but no other worker received it within \(Int(check.redeliveryDeadline.seconds)) s: \(depth), with \(held?.consumers ?? 0) consumer\(held?.consumers == 1 ? "" : "s").",
                    figures: figures, evidence: evidence, messages: messages
                ))
            }
            guard redelivery.redelivered else {
                return .concluded(.fail("\(token) reached \(redelivery.worker) after the kill without the redelivered flag, so the broker did not see it as the killed worker's message: it was published again, not redelivered.", figures: figures, evidence: evidence, messages: messages))
            }
            guard let completed else {
                return .concluded(.fail("\(token) was redelivered to \(redelivery.worker) but the broker never saw it settled within \(Int(check.redeliveryDeadline.seconds)) s (outcome: \(redelivery.outcome.rawValue)).", figures: figures, evidence: evidence, messages: messages))
            }
            let seconds = String(format: "%.2f", completed.start.timeIntervalSince(kill.at))
            return .concluded(.pass(
                "\(first.worker) was killed in the middle of \(token); the broker redelivered it to \(completed.worker) with redelivered=true \(seconds) s after the kill, and it was acknowledged.",
                figures: figures, evidence: evidence, messages: messages
            ))
        }
    }

    /// A sentence naming auto-ack consumers, or "" when every consumer acknowledges.
    static func autoAckHint(_ automatic: Int, of total: Int, queue: String) -> String {
        guard automatic > 0 else { return "" }
        return " The broker showed \(automatic) of \(total) consumers of \(queue) with auto-ack (ack_required false): a message counts as handled when it is sent, so it dies with its worker; consume with manual acknowledgements and ack after the work."
    }
}
