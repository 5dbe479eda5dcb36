import Foundation

extension PersistenceCheck {
    /// The messages put at risk before the crash.
    struct Load {
        /// Why the crash cannot be judged, if it cannot.
        enum Problem {
            case cannotJudge(String, [Evidence])
        }

        /// The tokens in the broker when it is killed: the in-flight one and the queued ones.
        var tokens: [String] = []
        /// The in-flight message, if the worker was holding one.
        var inFlight: String?
        /// Every publish attempt through the API.
        var attempts: [PublishAttempt] = []
        /// The work queue just before the kill.
        var before = QueueStatus(name: "", durable: false, ready: 0, unacknowledged: 0, consumers: 0)
        /// Whether the lab published the queued messages itself, the API not taking them.
        var publishedByLab = false
        /// Said when a worker took the first batch anyway and a second was queued.
        var detour = ""
        /// Whether the firehose saw each message published persistent, by token.
        var persistent: [String: Bool] = [:]
        var problem: Problem?
    }

    /// Puts one message in flight on `holder` (when the API can ask for long work) and
    /// `queuedMessages` in the queue with every other worker stopped.
    func loadQueue(context: CheckContext, holder: String, since: Date) async throws -> Load {
        var load = Load()
        if context.roles.api?.supportsWorkTime == true {
            let inFlight = context.token(name, 0)
            let attempt = try await context.publish(inFlight, workMilliseconds: inFlightMilliseconds)
            load.attempts.append(attempt)
            if attempt.acknowledged {
                _ = try await context.waitForStart(of: inFlight, since: since)
                load.inFlight = inFlight
            }
        } else {
            try await context.stopWorkers([holder])
        }
        let queued = (1...queuedMessages).map { context.token(name, $0) }
        context.logger.info("persistence: publishing \(queuedMessages) messages with the workers held back")
        var queuedTokens = try await publishQueued(queued, context: context, load: &load)
        if queuedTokens.isEmpty {
            load.problem = .cannotJudge("Neither the API nor the lab's own client could queue a message, so there was nothing for the crash to lose.", context.unacknowledgedEvidence(load.attempts).map { [$0] } ?? [])
            return load
        }
        // The queued messages must all wait in the queue. A worker that consumes with auto-ack
        // takes them even while busy; then it is held back too and a second batch is queued,
        // so the crash still has messages in the broker to test.
        if let held = try await waitUntilQueued(queuedTokens.count, in: context) {
            load.before = held
        } else {
            try await context.stopWorkers([holder])
            let second = ((queuedMessages + 1)...(2 * queuedMessages)).map { context.token(name, $0) }
            context.logger.info("persistence: \(holder) took the queued messages while busy; queuing \(second.count) more with every worker stopped")
            let firstCount = queuedTokens.count
            queuedTokens = try await publishQueued(second, context: context, load: &load)
            guard let held = try await waitUntilQueued(queuedTokens.count, in: context) else {
                throw CheckSetupError(reason: "\(context.roles.workQueue) did not hold the \(second.count) messages published with every worker stopped.")
            }
            load.before = held
            // The in-flight message went with the first batch's worker: not in the broker.
            load.inFlight = nil
            load.detour = " (\(holder), busy with the in-flight message, still took the first \(firstCount) queued messages off \(context.roles.workQueue), so \(second.count) more were queued with every worker stopped)"
        }
        load.tokens = (load.inFlight.map { [$0] } ?? []) + queuedTokens
        return load
    }

    /// Publishes `tokens` through the API; if it took none, publishes them with the lab's own
    /// client, persistent, to the work queue (a counting stack's events, routed as its
    /// producers route them). Returns the tokens the broker now holds.
    private func publishQueued(_ tokens: [String], context: CheckContext, load: inout Load) async throws -> [String] {
        if context.roles.api != nil {
            let attempts = try await context.publish(tokens)
            load.attempts += attempts
            let taken = attempts.filter(\.acknowledged).map(\.token)
            if !taken.isEmpty { return taken }
        }
        load.publishedByLab = true
        // A counting stack's consumer parses its producers' events: those are what the lab
        // sends it, persistent, the way the producers route them.
        let events = context.roles.events.map { route in
            var route = route
            route.persistent = true
            return route
        }
        let body = { (token: String) in context.roles.api?.body(token: token) ?? events?.body(token: token) ?? token }
        return try await BrokerClient.withClient(context.observer.line, connectionName: "chaoslab persistence") { client in
            var taken: [String] = []
            for token in tokens {
                let answer = if context.roles.api == nil, let events {
                    try await client.publish(event: body(token), on: events, messageID: token)
                } else {
                    try await client.publish(body(token), to: context.roles.workQueue)
                }
                if answer == .acked { taken.append(token) }
            }
            return taken
        }
    }

    /// The work queue once it holds `count` ready messages, or `nil` if it did not within 10 s.
    func waitUntilQueued(_ count: Int, in context: CheckContext) async throws -> QueueStatus? {
        do {
            return try await Wait.until("\(context.roles.workQueue) to hold \(count) queued messages", deadline: .seconds(10)) {
                try await context.broker.queue(named: context.roles.workQueue).flatMap { $0.ready >= count ? $0 : nil }
            }
        } catch is WaitTimeout {
            return nil
        }
    }

    /// The work queue after the restart, once two readings a second apart agree (a recovering
    /// broker may still be loading messages); `nil` when the broker has no such queue.
    func settledQueue(context: CheckContext) async throws -> QueueStatus? {
        let queue = context.roles.workQueue
        var last = try await Wait.until("the broker to answer after the restart", deadline: .seconds(90), every: .milliseconds(500)) {
            try await context.broker.queues()
        }.first { $0.name == queue }
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < .seconds(10) {
            try await Task.sleep(for: .seconds(1))
            let next = try await context.broker.queue(named: queue)
            if next?.total == last?.total && next?.durable == last?.durable { return next }
            last = next
        }
        return last
    }
}
