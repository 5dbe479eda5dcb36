import Foundation

extension DeadLetterCheck {
    /// Publishes a poison message and `followers` ordinary ones through the API, then looks for
    /// the poison in the dead-letter queue and counts how often the workers saw it.
    func poison(in context: CheckContext, workQueue: QueueStatus, deadLetterQueue: String) async throws -> PartFinding {
        guard context.roles.api?.poisonBodyTemplate != nil else {
            return PartFinding(passed: nil, sentence: "The API cannot send a poison message, so rejection was not tried.")
        }
        let since = Date()
        let poison = context.token(name, 0)
        let prefix = String(poison.dropLast(1))
        let poisonAttempt = try await context.publishPoison(poison)
        guard poisonAttempt.acknowledged else {
            return PartFinding(passed: false, sentence: "The API did not acknowledge the poison message: \(poisonAttempt.status.map(String.init) ?? "no response") \(poisonAttempt.detail.prefix(200)).")
        }
        let followerTokens = (1...max(1, followers)).map { context.token(name, $0) }
        let attempts = [poisonAttempt] + (try await context.publish(followerTokens))
        let clock = ContinuousClock()
        let start = clock.now

        let observer = WorkerObserver(stack: context.stack, roles: context.roles)
        var deliveries: [MessageTrace] = []
        var found: [DeadLetteredMessage] = []
        var foundAfter: Duration?
        var depthBefore = try await context.broker.queue(named: deadLetterQueue)?.total ?? 0
        _ = try? await Wait.until("\(poison) to reach \(deadLetterQueue) or loop", deadline: deadline, every: .milliseconds(400)) { () async throws -> Bool? in
            deliveries = try await observer.deliveries(tokenPrefix: prefix, since: since)
            if found.isEmpty {
                found = try await takePoison(poison, from: deadLetterQueue, context: context, depthBefore: &depthBefore)
                if !found.isEmpty { foundAfter = clock.now - start }
            }
            let followersDone = Set(deliveries.filter { $0.outcome == .acked && $0.id != poison }.map(\.id)).count >= followerTokens.count
            let looping = deliveries.filter { $0.id == poison }.count >= 3
            return (followersDone && !found.isEmpty) || looping ? true : nil
        }
        let poisonDeliveries = deliveries.filter { $0.id == poison }
        let processedFollowers = Set(deliveries.filter { $0.outcome == .acked && $0.id != poison }.map(\.id))
        let loopWindow = clock.now - start

        var figures = [
            Figure("poison.deliveries", "deliveries of the poison message", Double(poisonDeliveries.count)),
            Figure("followers.processed", "messages after the poison processed", Double(processedFollowers.count), unit: "messages"),
        ]
        if let foundAfter {
            figures.append(.seconds("poison.to.dlq", "time from publish to the dead-letter queue", foundAfter))
        }
        if let death = found.first?.deaths.first {
            figures.append(Figure("poison.xdeath.count", "x-death count of the poison message", Double(death.count)))
        }
        let evidence = [
            Evidence(source: "workers", title: "Deliveries of the poison message and the \(followerTokens.count) after it", lines: deliveries.prefix(40).map {
                "\($0.id) → \($0.worker) redelivered=\($0.redelivered) \($0.outcome)"
            } + (deliveries.count > 40 ? ["… \(deliveries.count - 40) more"] : [])),
            Evidence(source: "broker", title: "The poison message in \(deadLetterQueue)", lines: found.isEmpty
                ? ["not found (looked for \(String(format: "%.1f", loopWindow.seconds)) s)"]
                : found.map { "x-death: " + ($0.deaths.isEmpty ? "missing" : $0.deaths.map(\.description).joined(separator: " | ")) }),
        ]
        let messages = Array(deliveries.prefix(200))
        let unflowing = followerTokens.filter { !processedFollowers.contains($0) }
        let analysis = HistoryChecker().check(History(attempts: Array(attempts.dropFirst()), deliveries: deliveries.filter { $0.id != poison }))

        func finding(_ passed: Bool, _ sentence: String) -> PartFinding {
            PartFinding(passed: passed, sentence: sentence, figures: figures + analysis.figures.filter { $0.key.hasPrefix("messages.") }, evidence: evidence, messages: messages)
        }
        if poisonDeliveries.count >= 3 && poisonDeliveries.dropFirst().allSatisfy({ $0.redelivered }) {
            await stopLoop(in: context)
            let workers = Set(poisonDeliveries.map(\.worker)).sorted().joined(separator: " and ")
            return finding(false, "Redelivery loop: the poison message \(poison) was delivered \(poisonDeliveries.count) times in \(String(format: "%.1f", loopWindow.seconds)) s (to \(workers)), requeued on every rejection, and never reached \(deadLetterQueue).")
        }
        if poisonDeliveries.isEmpty {
            return finding(false, "The poison message \(poison) was acknowledged by the API but no worker ever received it.")
        }
        guard let message = found.first else {
            let worker = poisonDeliveries[0].worker
            if workQueue.deadLetterExchange == nil {
                return finding(false, "Silent loss: the poison message \(poison) was rejected by \(worker) and dropped, because \(workQueue.name) has no x-dead-letter-exchange; nothing reached \(deadLetterQueue).")
            }
            return finding(false, "The poison message \(poison) was handled by \(worker) (\(poisonDeliveries[0].outcome)) but never reached \(deadLetterQueue) within \(Int(deadline.seconds)) s, although \(workQueue.name) dead-letters to exchange \(workQueue.deadLetterExchange ?? "").")
        }
        let readable = context.roles.brokerAccess != nil
        if readable, let problem = Self.deathProblem(message.deaths, queue: workQueue.name, reason: "rejected", count: 1) {
            return finding(false, "The poison message \(poison) reached \(deadLetterQueue) but \(problem).")
        }
        if !unflowing.isEmpty {
            return finding(false, "The poison message was dead-lettered, but \(unflowing.count) of the \(followerTokens.count) messages after it were not processed within \(Int(deadline.seconds)) s (\(unflowing[0]) first): the work queue stopped flowing.")
        }
        return finding(true, "The poison message was rejected once by \(poisonDeliveries[0].worker) and reached \(deadLetterQueue) \(message.deaths.first.map { "with x-death (\($0.description))" } ?? "(x-death not read: the lab has no broker login)") after \(String(format: "%.2f", (foundAfter ?? .zero).seconds)) s; the \(followerTokens.count) messages after it were processed.")
    }

    /// Takes the poison message off the dead-letter queue when the lab can log in to the
    /// broker; otherwise notices it only as a deeper dead-letter queue (no `x-death` to read).
    private func takePoison(_ token: String, from queue: String, context: CheckContext, depthBefore: inout Int) async throws -> [DeadLetteredMessage] {
        if let access = context.roles.brokerAccess {
            return try await BrokerClient.withClient(access, connectionName: "chaoslab dead-letter") { client in
                try await client.take(from: queue) { $0.contains(token) }
            }
        }
        let depth = try await context.broker.queue(named: queue)?.total ?? 0
        return depth > depthBefore ? [DeadLetteredMessage(body: "(not read: no broker access)", deaths: [])] : []
    }

    /// Ends a redelivery loop: with the workers stopped the poison message stays ready and the
    /// purge removes it. The runner starts the workers again.
    private func stopLoop(in context: CheckContext) async {
        try? await context.stopWorkers()
        _ = try? await context.broker.purge(context.roles.workQueue)
    }

    /// What is wrong with an `x-death` header, or `nil` when its newest entry names `queue`,
    /// `reason` and (if given) `count`.
    static func deathProblem(_ deaths: [DeadLetter], queue: String, reason: String, count: Int?) -> String? {
        guard let newest = deaths.first else {
            return "it has no x-death header"
        }
        var problems: [String] = []
        if newest.queue != queue { problems.append("queue \(newest.queue), expected \(queue)") }
        if newest.reason != reason { problems.append("reason \(newest.reason), expected \(reason)") }
        if let count, newest.count != count { problems.append("count \(newest.count), expected \(count)") }
        return problems.isEmpty ? nil : "its x-death says " + problems.joined(separator: ", ")
    }
}
