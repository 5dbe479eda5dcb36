import Foundation

extension SoakCheck {
    /// What the broker showed of the soak's messages once the queue drained.
    struct Observed: Sendable {
        /// Every delivery of a soak message from the work queue, as the broker saw it.
        var traces: [MessageTrace]
        /// Soak messages still in the queue at the drain's deadline, taken off by the lab.
        var leftInQueue: Set<String>
        /// What the workers printed about the soak's messages, when the roles say how to read it.
        var workerOutput: [MessageTrace]?
        /// Soak messages found in the dead-letter queue, taken off it, with the broker's reason.
        var deadLettered: [String: String] = [:]
    }

    /// Waits until every worker consumes again and then until the work queue is empty (ready
    /// and unacknowledged) or every acknowledged message was processed, at most
    /// ``SoakOptions/drainDeadline``; soak messages still waiting then are taken off the queue,
    /// so the next run starts clean, and counted as left, not lost.
    func drain(attempts: [PublishAttempt], prefix: String, since: Date, context: CheckContext) async throws -> Observed {
        let workers = context.roles.workers.count
        let queue = context.roles.workQueue
        _ = try? await Wait.until("\(workers) consumers on \(queue)", deadline: .seconds(60), every: .milliseconds(500)) {
            let consumers = try await context.consumers(of: queue) ?? 0
            return consumers >= workers ? consumers : nil
        }
        let acknowledged = Set(attempts.filter { $0.outcome == .acknowledged }.map(\.token))
        let clock = ContinuousClock()
        let deadline = clock.now + options.drainDeadline
        var traces: [MessageTrace] = []
        while true {
            let drained = await context.observer.noteIfDrained(queue)
            if drained {
                // The tap may still be taking in the last deliveries the broker traced.
                await context.observer.waitUntilQuiet()
            }
            traces = await context.deliveries(prefix: prefix, since: since)
            if drained || acknowledged.isSubset(of: CheckContext.handled(traces)) {
                let output = await workerOutput(settling: traces, prefix: prefix, since: since, until: deadline, context: context)
                let dead = try await takeDeadLettered(prefix: prefix, context: context)
                return Observed(traces: traces, leftInQueue: [], workerOutput: output, deadLettered: dead)
            }
            guard clock.now < deadline else { break }
            try await Task.sleep(for: .seconds(1))
        }
        // Read before taking: the lab's own basic.get shows on the firehose as a delivery.
        let left = try await takeLeftovers(prefix: prefix, context: context)
        if !left.isEmpty {
            context.logger.info("soak: \(left.count) soak messages still in \(queue) after \(options.drainDeadline.secondsText); taken off the queue")
        }
        let output = await workerOutput(settling: traces, prefix: prefix, since: since, until: clock.now, context: context)
        let dead = try await takeDeadLettered(prefix: prefix, context: context)
        return Observed(traces: traces, leftInQueue: left, workerOutput: output, deadLettered: dead)
    }

    /// What the workers printed, read once they are done: an auto-ack consumer empties the
    /// queue as fast as the broker can send, then works through what it holds, so while the
    /// workers still show new auto-acked messages done the output is read again (every second
    /// until none came for 3 s, or until `deadline`).
    func workerOutput(
        settling traces: [MessageTrace], prefix: String, since: Date, until deadline: ContinuousClock.Instant, context: CheckContext
    ) async -> [MessageTrace]? {
        var output = await workerOutput(prefix: prefix, since: since, context: context)
        let autoAcked = Set(traces.filter { $0.outcome == .autoAcked }.map(\.id))
        guard output != nil, !autoAcked.isEmpty else { return output }
        let clock = ContinuousClock()
        func shown(_ output: [MessageTrace]?) -> Int {
            autoAcked.intersection((output ?? []).filter { $0.outcome == .acked }.map(\.id)).count
        }
        var count = shown(output)
        var lastGrowth = clock.now
        while count < autoAcked.count, clock.now < deadline, clock.now - lastGrowth < .seconds(3) {
            try? await Task.sleep(for: .seconds(1))
            let next = await workerOutput(prefix: prefix, since: since, context: context)
            let nextCount = shown(next)
            if nextCount > count { lastGrowth = clock.now }
            output = next ?? output
            count = max(count, nextCount)
        }
        return output
    }

    /// Takes every soak message off the work queue and returns their tokens.
    func takeLeftovers(prefix: String, context: CheckContext) async throws -> Set<String> {
        let queue = context.roles.workQueue
        guard let state = try? await context.observer.peek.state(of: queue), state.messageCount > 0 else { return [] }
        let taken = try await BrokerClient.withClient(context.observer.line, connectionName: "chaoslab soak") { client in
            try await client.take(from: queue, limit: Int(state.messageCount) + 1000) { $0.contains(prefix) }
        }
        return Set(taken.compactMap { Self.token(in: $0.body, prefix: prefix) })
    }

    /// Takes every soak message off the dead-letter queue, when the stack has one, and returns
    /// each token with the broker's reason for dead-lettering it (its newest `x-death`). The
    /// firehose does not trace dead-lettering, so this is where the lab learns of it.
    func takeDeadLettered(prefix: String, context: CheckContext) async throws -> [String: String] {
        guard let queue = context.roles.deadLetterQueue,
              let state = try? await context.observer.peek.state(of: queue), state.messageCount > 0
        else { return [:] }
        let taken = try await BrokerClient.withClient(context.observer.line, connectionName: "chaoslab soak") { client in
            try await client.take(from: queue, limit: Int(state.messageCount) + 1000) { $0.contains(prefix) }
        }
        var reasons: [String: String] = [:]
        for message in taken {
            guard let token = Self.token(in: message.body, prefix: prefix) else { continue }
            reasons[token] = message.deaths.first?.reason ?? "unknown"
        }
        if !reasons.isEmpty {
            context.logger.info("soak: \(reasons.count) soak messages found in \(queue); taken off it")
        }
        return reasons
    }

    /// The first token `prefix` + digits in `body`.
    static func token(in body: String, prefix: String) -> String? {
        guard let start = body.range(of: prefix) else { return nil }
        let digits = body[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : prefix + digits
    }

    /// What the workers printed about the soak's messages, when the roles say how to read it.
    func workerOutput(prefix: String, since: Date, context: CheckContext) async -> [MessageTrace]? {
        let evidence = context.roles.workerEvidence
        guard evidence.receivedPattern != nil || evidence.recordFile != nil else { return nil }
        return try? await WorkerObserver(stack: context.stack, roles: context.roles).deliveries(tokenPrefix: prefix, since: since)
    }
}
