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
        let queue = context.roles.workQueue
        await context.waitForWorkersConsuming(deadline: .seconds(60))
        let acknowledged = Set(attempts.filter { $0.outcome == .acknowledged }.map(\.token))
        let deadline = ContinuousClock.now + options.drainDeadline
        var traces: [MessageTrace] = []
        var left: Set<String> = []
        do {
            traces = try await Wait.until("the soak's messages to be processed", deadline: options.drainDeadline, every: .seconds(1)) {
                let drained = await context.observer.noteIfDrained(queue)
                if drained {
                    // The tap may still be taking in the last deliveries the broker traced.
                    await context.observer.waitUntilQuiet()
                }
                let seen = await context.deliveries(prefix: prefix, since: since)
                traces = seen
                return drained || acknowledged.isSubset(of: CheckContext.handled(seen)) ? seen : nil
            }
        } catch is WaitTimeout {
            // Read before taking: the lab's own basic.get shows on the firehose as a delivery.
            left = Set(try await take(from: queue, prefix: prefix, context: context).keys)
            if !left.isEmpty {
                context.logger.info("soak: \(left.count) soak messages still in \(queue) after \(options.drainDeadline.secondsText); taken off the queue")
            }
        }
        let output = await context.workerTraces(settling: traces, prefix: prefix, since: since, until: max(deadline, .now))
        var dead: [String: String] = [:]
        if let deadLetterQueue = context.roles.deadLetterQueue {
            // The firehose does not trace dead-lettering: this is where the lab learns of it.
            dead = try await take(from: deadLetterQueue, prefix: prefix, context: context).mapValues { $0.deaths.first?.reason ?? "unknown" }
            if !dead.isEmpty {
                context.logger.info("soak: \(dead.count) soak messages found in \(deadLetterQueue); taken off it")
            }
        }
        return Observed(traces: traces, leftInQueue: left, workerOutput: output, deadLettered: dead)
    }

    /// Takes every soak message off `queue` (the work queue after the drain's deadline, the
    /// dead-letter queue) and returns them by token.
    func take(from queue: String, prefix: String, context: CheckContext) async throws -> [String: DeadLetteredMessage] {
        guard let state = try? await context.observer.peek.state(of: queue), state.messageCount > 0 else { return [:] }
        let taken = try await BrokerClient.withClient(context.observer.line, connectionName: "chaoslab soak") { client in
            try await client.take(from: queue, limit: Int(state.messageCount) + 1000) { $0.contains(prefix) }
        }
        var byToken: [String: DeadLetteredMessage] = [:]
        for message in taken {
            if let token = Self.token(in: message.body, prefix: prefix) { byToken[token] = message }
        }
        return byToken
    }

    /// The first token `prefix` + digits in `body`.
    static func token(in body: String, prefix: String) -> String? {
        guard let start = body.range(of: prefix) else { return nil }
        let digits = body[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : prefix + digits
    }
}
