import AMQPClient
import Foundation

extension DeadLetterCheck {
    /// With the workers stopped (so nothing is consumed), publishes straight to the work queue:
    /// one message with a per-message TTL, then, if the queue is bounded, one message more than
    /// `x-max-length`. Each must reach the dead-letter queue with the matching `x-death` reason.
    func expiryAndOverflow(in context: CheckContext, topology: DeadLetterTopology, deadLetterQueue: String) async throws -> [PartFinding] {
        let workQueue = topology.workQueue
        try await context.stopWorkers()
        try await context.purge(workQueue.name)
        return try await BrokerClient.withClient(context.observer.line, connectionName: "chaoslab dead-letter") { client in
            // Leftovers of this run's poison part, so each part finds only its own message.
            let prefix = String(context.token(name, 0).dropLast(1))
            _ = try await client.take(from: deadLetterQueue) { $0.contains(prefix) }
            var findings = [try await expiry(client: client, context: context, topology: topology, deadLetterQueue: deadLetterQueue)]
            findings.append(try await overflow(client: client, context: context, topology: topology, deadLetterQueue: deadLetterQueue))
            try await client.purge(workQueue.name)
            return findings
        }
    }

    private func expiry(client: BrokerClient, context: CheckContext, topology: DeadLetterTopology, deadLetterQueue: String) async throws -> PartFinding {
        let workQueue = topology.workQueue
        let token = context.token(name, 100)
        let clock = ContinuousClock()
        let start = clock.now
        let confirmation = try await client.publish(token, to: workQueue.name, expiration: timeToLive)
        guard confirmation == .acked else {
            return PartFinding(passed: false, sentence: "The broker did not accept the expiry probe \(token) on \(workQueue.name): \(confirmation).")
        }
        let (found, problem) = await Self.waitForDeadLetter(token, in: deadLetterQueue, client: client, deadline: deadline)
        let waited = clock.now - start
        let left = try await context.broker.queue(named: workQueue.name)?.total ?? 0
        var figures: [Figure] = []
        let evidence = Evidence(source: "broker", title: "A message with a \(Int(timeToLive.seconds * 1000)) ms TTL on \(workQueue.name), no consumers", lines: [
            found?.first.map { "found in \(deadLetterQueue) after \(String(format: "%.2f", waited.seconds)) s, x-death: " + $0.deaths.map(\.description).joined(separator: " | ") }
                ?? "not in \(deadLetterQueue) after \(String(format: "%.1f", waited.seconds)) s; \(workQueue.name) holds \(left)",
        ] + (problem.map { ["reading \(deadLetterQueue) failed: \($0)"] } ?? []))
        guard let message = found?.first else {
            let cause = topology.exchange == nil ? ", because \(workQueue.name) has no dead-letter exchange (neither argument nor policy)" : ""
            let fate = left == 0 ? "vanished (silent loss)\(cause)" : "is still in \(workQueue.name)"
            return PartFinding(passed: false, sentence: "A message with a \(Int(timeToLive.seconds * 1000)) ms TTL (\(token)) expired and \(fate); it never reached \(deadLetterQueue).", evidence: [evidence])
        }
        figures.append(.seconds("expired.to.dlq", "time from publish (TTL \(Int(timeToLive.seconds * 1000)) ms) to the dead-letter queue", waited))
        if let problem = Self.deathProblem(message.deaths, queue: workQueue.name, reason: "expired", count: 1) {
            return PartFinding(passed: false, sentence: "The expired message \(token) reached \(deadLetterQueue) but \(problem).", figures: figures, evidence: [evidence])
        }
        return PartFinding(passed: true, sentence: "A message past its \(Int(timeToLive.seconds * 1000)) ms TTL reached \(deadLetterQueue) with reason expired.", figures: figures, evidence: [evidence])
    }

    private func overflow(client: BrokerClient, context: CheckContext, topology: DeadLetterTopology, deadLetterQueue: String) async throws -> PartFinding {
        let workQueue = topology.workQueue
        guard let limit = workQueue.effectiveMaxLength else {
            return PartFinding(passed: nil, sentence: "\(workQueue.name) has no x-max-length (argument or policy), so there is no overflow to dead-letter.")
        }
        // drop-head dead-letters the oldest message; reject-publish-dlx refuses the newest and
        // dead-letters it; reject-publish refuses it and dead-letters nothing.
        let overflow = workQueue.effectiveOverflow
        guard overflow == .dropHead || overflow == .rejectPublishDeadLetter else {
            return PartFinding(passed: nil, sentence: "\(workQueue.name) overflows with \(overflow.text) (refuses new messages), so overflow dead-letters nothing.")
        }
        guard limit <= largestMaxLength else {
            return PartFinding(passed: nil, sentence: "\(workQueue.name) holds up to \(limit) messages, more than the \(largestMaxLength) the lab publishes to see an overflow.")
        }
        let tokens = (0...limit).map { context.token(name, 1_000 + $0) }
        let clock = ContinuousClock()
        let start = clock.now
        context.logger.info("dead-letter: publishing \(tokens.count) messages to overflow x-max-length \(limit)")
        for token in tokens {
            try await client.publish(token, to: workQueue.name)
        }
        let publishTime = clock.now - start
        // The message the overflow must dead-letter: the oldest, or the one refused.
        let oldest = overflow == .dropHead ? tokens[0] : tokens[tokens.count - 1]
        let which = overflow == .dropHead ? "the oldest" : "the refused newest"
        let (found, problem) = await Self.waitForDeadLetter(oldest, in: deadLetterQueue, client: client, deadline: deadline)
        let held = try await context.broker.queue(named: workQueue.name)?.total ?? 0
        let figures = [
            Figure("maxlen.limit", "x-max-length of \(workQueue.name)", Double(limit), unit: "messages"),
            Figure("maxlen.held", "messages \(workQueue.name) held after \(tokens.count) were published", Double(held), unit: "messages"),
            .seconds("maxlen.publish", "time to publish \(tokens.count) confirmed messages", publishTime),
        ]
        let evidence = Evidence(source: "broker", title: "\(tokens.count) messages on \(workQueue.name) (x-max-length \(limit)), no consumers", lines: [
            "\(workQueue.name) held \(held) afterwards",
            found?.first.map { "\(which), \(oldest), in \(deadLetterQueue) with x-death: " + $0.deaths.map(\.description).joined(separator: " | ") }
                ?? "\(which), \(oldest), is not in \(deadLetterQueue)",
        ] + (problem.map { ["reading \(deadLetterQueue) failed: \($0)"] } ?? []))
        guard let message = found?.first else {
            let cause = topology.exchange == nil ? " (silent loss: \(workQueue.name) has no dead-letter exchange, argument or policy)" : ""
            return PartFinding(passed: false, sentence: "Publishing \(tokens.count) messages onto \(workQueue.name) (x-max-length \(limit)) dropped \(which), \(oldest), without dead-lettering it\(cause).", figures: figures, evidence: [evidence])
        }
        if let problem = Self.deathProblem(message.deaths, queue: workQueue.name, reason: "maxlen", count: 1) {
            return PartFinding(passed: false, sentence: "The overflowing message \(oldest) reached \(deadLetterQueue) but \(problem).", figures: figures, evidence: [evidence])
        }
        return PartFinding(passed: true, sentence: "One message past x-max-length \(limit) (overflow \(overflow.text)) sent \(which) into \(deadLetterQueue) with reason maxlen.", figures: figures, evidence: [evidence])
    }

    /// Polls `queue` until a message carrying `token` is taken off it; on timeout returns the
    /// last error met while reading, if any.
    static func waitForDeadLetter(_ token: String, in queue: String, client: BrokerClient, deadline: Duration) async -> ([DeadLetteredMessage]?, String?) {
        do {
            let found = try await Wait.until("\(token) in \(queue)", deadline: deadline, every: .milliseconds(200)) {
                let taken = try await client.take(from: queue) { $0.contains(token) }
                return taken.isEmpty ? nil : taken
            }
            return (found, nil)
        } catch let timeout as WaitTimeout {
            return (nil, timeout.lastError)
        } catch {
            return (nil, String(describing: error))
        }
    }
}
