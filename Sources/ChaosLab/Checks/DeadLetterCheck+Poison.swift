import Foundation

extension DeadLetterCheck {
    /// Publishes a poison message and `followers` ordinary ones through the API, follows the
    /// poison on the broker, and looks for it in the dead-letter queue.
    func poison(in context: CheckContext, topology: DeadLetterTopology, deadLetterQueue: String) async throws -> PartFinding {
        guard context.roles.api?.poisonBodyTemplate != nil else {
            return PartFinding(passed: nil, sentence: "The API cannot send a poison message, so rejection was not tried.")
        }
        let since = Date()
        let poison = context.token(name, 0)
        let prefix = String(poison.dropLast(1))
        let poisonAttempt = try await context.publishPoison(poison)
        guard poisonAttempt.acknowledged else {
            return .inconclusive("The API did not acknowledge the poison message (\(poisonAttempt.status.map(String.init) ?? "no response") \(poisonAttempt.detail.prefix(200))), so rejection could not be tried; api-contract judges the API.")
        }
        let followerTokens = (1...max(1, followers)).map { context.token(name, $0) }
        let attempts = [poisonAttempt] + (try await context.publish(followerTokens))
        let clock = ContinuousClock()
        let start = clock.now

        var deliveries: [MessageTrace] = []
        var found: [DeadLetteredMessage] = []
        var foundAfter: Duration?
        var settledAt: ContinuousClock.Instant?
        try await BrokerClient.withClient(context.observer.line, connectionName: "chaoslab dead-letter") { client in
            _ = try? await Wait.until("\(poison) to reach \(deadLetterQueue) or loop", deadline: deadline, every: .milliseconds(300)) { () async throws -> Bool? in
                if found.isEmpty {
                    found = try await client.take(from: deadLetterQueue) { $0.contains(poison) }
                    if !found.isEmpty { foundAfter = clock.now - start }
                }
                deliveries = try await context.waitForProcessing(of: Set(followerTokens), prefix: prefix, since: since, deadline: .zero)
                let poisonDeliveries = deliveries.filter { $0.id == poison }
                let followersDone = Set(followerTokens).isSubset(of: CheckContext.handled(deliveries))
                if settledAt == nil, poisonDeliveries.last.map({ $0.outcome != .unfinished }) == true { settledAt = clock.now }
                // Settled and not in the queue a while after: it went somewhere else (or nowhere).
                let givenUp = settledAt.map { clock.now - $0 > .seconds(2) } ?? false
                return (followersDone && (!found.isEmpty || givenUp)) || poisonDeliveries.count >= 3 ? true : nil
            }
        }
        let seen = PoisonObservation(
            poison: poison, followers: followerTokens, deliveries: deliveries, found: found.first, foundAfter: foundAfter,
            window: clock.now - start, topology: topology, deadLetterQueue: deadLetterQueue, attempts: attempts,
            gaps: await context.observer.gaps(since: since)
        )
        let finding = judgePoison(seen)
        if finding.outcome == .broken, seen.isLoop {
            await stopLoop(in: context)
        }
        return finding
    }

    /// Ends a redelivery loop: with the workers stopped the poison message stays ready and the
    /// purge removes it. The runner starts the workers again.
    private func stopLoop(in context: CheckContext) async {
        try? await context.stopWorkers()
        _ = try? await context.purge(context.roles.workQueue)
    }

    /// What `x-death` says wrongly, or `nil` when its newest entry names `queue`, `reason` and
    /// (if given) `count`.
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
