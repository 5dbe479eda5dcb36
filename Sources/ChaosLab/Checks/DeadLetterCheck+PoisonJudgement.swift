import Foundation

extension DeadLetterCheck {
    /// What the poison part saw.
    struct PoisonObservation {
        var poison: String
        var followers: [String]
        /// The broker's deliveries of the poison and its followers from the work queue.
        var deliveries: [MessageTrace]
        /// The poison message as taken off the dead-letter queue, if it was there.
        var found: DeadLetteredMessage?
        var foundAfter: Duration?
        /// How long the lab watched.
        var window: Duration
        var topology: DeadLetterTopology
        var deadLetterQueue: String
        var attempts: [PublishAttempt]
        /// Times the lab was not watching the broker.
        var gaps: [ObservationGap] = []

        var poisonDeliveries: [MessageTrace] { deliveries.filter { $0.id == poison } }

        /// The poison came back again and again, requeued on every rejection, and never reached
        /// the dead-letter queue (a worker that retries a few times and then rejects is no loop).
        var isLoop: Bool {
            found == nil && poisonDeliveries.count >= 3 && poisonDeliveries.dropFirst().allSatisfy(\.redelivered)
        }
    }

    /// The poison part's verdict: a pure function, tested case by case without a broker.
    func judgePoison(_ seen: PoisonObservation) -> PartFinding {
        let poisonDeliveries = seen.poisonDeliveries
        let handled = CheckContext.handled(seen.deliveries)
        let processedFollowers = seen.followers.filter(handled.contains)
        let queue = seen.topology.workQueue.name
        var figures = [
            Figure("poison.deliveries", "deliveries of the poison message", Double(poisonDeliveries.count)),
            Figure("followers.processed", "messages after the poison processed", Double(processedFollowers.count), unit: "messages"),
        ]
        if let foundAfter = seen.foundAfter {
            figures.append(.seconds("poison.to.dlq", "time from publish to the dead-letter queue", foundAfter))
        }
        if let death = seen.found?.deaths.first {
            figures.append(Figure("poison.xdeath.count", "x-death count of the poison message", Double(death.count)))
        }
        let analysis = HistoryChecker().check(History(attempts: Array(seen.attempts.dropFirst()), deliveries: seen.deliveries.filter { $0.id != seen.poison }))
        figures += analysis.figures.filter { $0.key.hasPrefix("messages.") }
        let evidence = [
            Evidence(source: "broker", title: "Deliveries of the poison message and the \(seen.followers.count) after it (the broker's firehose)", lines: seen.deliveries.prefix(40).map {
                "\($0.id) → \($0.worker) redelivered=\($0.redelivered) \($0.outcome.rawValue)"
            } + (seen.deliveries.count > 40 ? ["… \(seen.deliveries.count - 40) more"] : [])),
            Evidence(source: "broker", title: "The poison message in \(seen.deadLetterQueue)", lines: seen.found.map {
                ["x-death: " + ($0.deaths.isEmpty ? "missing" : $0.deaths.map(\.description).joined(separator: " | "))]
            } ?? ["not found (looked for \(String(format: "%.1f", seen.window.seconds)) s)"]),
        ]
        let messages = Array(seen.deliveries.prefix(200))
        func finding(_ passed: Bool, _ sentence: String) -> PartFinding {
            PartFinding(passed: passed, sentence: sentence, figures: figures, evidence: evidence, messages: messages)
        }

        if seen.isLoop {
            let workers = Set(poisonDeliveries.map(\.worker)).sorted().joined(separator: " and ")
            return finding(false, "Redelivery loop: the poison message \(seen.poison) was delivered \(poisonDeliveries.count) times in \(String(format: "%.1f", seen.window.seconds)) s (to \(workers)), requeued on every rejection, and never reached \(seen.deadLetterQueue).")
        }
        guard let first = poisonDeliveries.first else {
            if let gap = seen.gaps.first {
                return .inconclusive("The broker's firehose showed no delivery of the poison message \(seen.poison), but the lab was not watching the whole time (\(gap)).", figures: figures, evidence: evidence)
            }
            return finding(false, "The poison message \(seen.poison) was acknowledged by the API but the broker never delivered it to a worker.")
        }
        guard let message = seen.found else {
            let last = poisonDeliveries.last ?? first
            if last.outcome == .unfinished {
                return finding(false, "The poison message \(seen.poison) was delivered to \(last.worker), which neither acknowledged nor rejected it within \(Int(deadline.seconds)) s: it never reached \(seen.deadLetterQueue).")
            }
            guard let exchange = seen.topology.exchange else {
                return finding(false, "Silent loss: the poison message \(seen.poison) was delivered once to \(last.worker), settled without being requeued, and is gone, because \(queue) has no x-dead-letter-exchange (neither argument nor policy): a message rejected without requeue is dropped. Nothing reached \(seen.deadLetterQueue).")
            }
            if !seen.topology.routedQueues.contains(seen.deadLetterQueue) {
                return finding(false, "The poison message \(seen.poison) was settled by \(last.worker) and never reached \(seen.deadLetterQueue): \(queue) dead-letters to exchange \(exchange.isEmpty ? "(default)" : exchange) with routing key \(seen.topology.routingKey), which routes it to \(seen.topology.routedQueues.isEmpty ? "no queue at all (silent loss)" : seen.topology.routedQueues.joined(separator: ", ")).")
            }
            return finding(false, "The poison message \(seen.poison) was settled by \(last.worker) without being rejected: it never reached \(seen.deadLetterQueue), although \(queue)'s dead-letter exchange routes there, so the worker acknowledged it as if it were processed.")
        }
        if let problem = Self.deathProblem(message.deaths, queue: queue, reason: "rejected", count: 1) {
            return finding(false, "The poison message \(seen.poison) reached \(seen.deadLetterQueue) but \(problem).")
        }
        let unflowing = seen.followers.filter { !handled.contains($0) }
        if !unflowing.isEmpty {
            return finding(false, "The poison message was dead-lettered, but \(unflowing.count) of the \(seen.followers.count) messages after it were not processed within \(Int(deadline.seconds)) s (\(unflowing[0]) first): the work queue stopped flowing.")
        }
        let rejecter = poisonDeliveries.last ?? first
        let retries = poisonDeliveries.count > 1 ? " after \(poisonDeliveries.count - 1) requeue\(poisonDeliveries.count == 2 ? "" : "s")" : " once"
        return finding(true, "The poison message was rejected\(retries) by \(rejecter.worker) and reached \(seen.deadLetterQueue) with x-death (\(message.deaths.first?.description ?? "")) after \(String(format: "%.2f", (seen.foundAfter ?? .zero).seconds)) s; the \(seen.followers.count) messages after it were processed.")
    }
}
