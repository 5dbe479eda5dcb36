import Foundation

/// Persistent messages survive a broker crash: with the workers held back, K confirmed
/// persistent messages wait in the durable work queue and one more is in flight (delivered,
/// unacknowledged); the broker is SIGKILLed and started; the queue must still hold all K + 1,
/// and the workers must then process every one.
public struct PersistenceCheck: ReliabilityCheck {
    /// Messages waiting in the queue at the kill.
    public var queuedMessages: Int
    /// How long the in-flight task takes; long enough to still be running at the kill.
    public var inFlightMilliseconds: Int

    public init(queuedMessages: Int = 20, inFlightMilliseconds: Int = 8_000) {
        self.queuedMessages = queuedMessages
        self.inFlightMilliseconds = inFlightMilliseconds
    }

    public var name: String { "persistence" }
    public var title: String { "Persistent messages survive a broker kill" }
    public var expectation: String {
        "\(queuedMessages) confirmed persistent messages queued and 1 in flight when the broker is SIGKILLed: after it starts again the queue holds all \(queuedMessages + 1), and the workers process every one."
    }
    public var mutants: [FixtureKnob] { [.transientMessages, .nonDurableQueue] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let holder = context.roles.workers.first else {
            return .notApplicable("The stack has no worker role.")
        }
        let broker = ServiceTarget(service: context.roles.broker)
        let queueName = context.roles.workQueue
        let prefix = context.token(name, 0).dropLast(1).description
        let since = Date()
        let clock = ContinuousClock()
        let start = clock.now

        // One worker keeps the in-flight message; the others are stopped so the rest stays queued.
        try await context.stopWorkers(Array(context.roles.workers.dropFirst()))
        let inFlight = context.token(name, 0)
        var tokens: [String] = []
        var attempts: [PublishAttempt] = []
        let supportsWork = context.roles.api?.supportsWorkTime == true
        if supportsWork {
            let attempt = try await context.publish(inFlight, workMilliseconds: inFlightMilliseconds)
            attempts.append(attempt)
            if attempt.acknowledged {
                _ = try await context.waitForStart(of: inFlight, since: since)
                tokens.append(inFlight)
            }
        } else {
            try await context.stopWorkers([holder])
        }
        let queued = (1...queuedMessages).map { context.token(name, $0) }
        context.logger.info("persistence: publishing \(queuedMessages) messages with the workers held back")
        let queuedAttempts = try await context.publish(queued)
        attempts += queuedAttempts
        tokens += queuedAttempts.filter(\.acknowledged).map(\.token)
        guard tokens.count == queuedMessages + (supportsWork ? 1 : 0) else {
            var figures = [Figure("published", "messages acknowledged by the API", Double(tokens.count), unit: "messages")]
            figures.append(.seconds("duration", "time", clock.now - start))
            return .fail(
                "The API acknowledged only \(tokens.count) of \(attempts.count) messages before the crash, so persistence cannot be judged.",
                figures: figures, evidence: context.unacknowledgedEvidence(attempts).map { [$0] } ?? []
            )
        }
        // The queued messages must all wait in the queue. A worker that consumes with auto-ack
        // takes them even while busy; then it is held back too and a second batch is queued,
        // so the crash still has messages in the broker to test.
        let before: QueueStatus
        var detour = ""
        let queuedCount = queuedAttempts.filter(\.acknowledged).count
        if let held = try await waitUntilQueued(queuedCount, in: context) {
            before = held
        } else {
            try await context.stopWorkers([holder])
            let second = ((queuedMessages + 1)...(2 * queuedMessages)).map { context.token(name, $0) }
            context.logger.info("persistence: \(holder) took the queued messages while busy; queuing \(second.count) more with every worker stopped")
            let secondAttempts = try await context.publish(second)
            let secondTokens = secondAttempts.filter(\.acknowledged).map(\.token)
            attempts += secondAttempts
            tokens += secondTokens
            guard let held = try await waitUntilQueued(secondTokens.count, in: context) else {
                throw CheckSetupError(reason: "\(queueName) did not hold the \(second.count) messages published with every worker stopped.")
            }
            before = held
            detour = " (\(holder), busy with the in-flight message, still took the first \(queuedCount) queued messages off \(queueName), so \(second.count) more were queued with every worker stopped)"
        }

        context.logger.info("persistence: killing the broker with SIGKILL")
        let kill = try await context.faults.inject(.kill(broker))
        if supportsWork {
            try await context.stopWorkers([holder])
        }
        try await context.faults.inject(.start(broker))
        let restartStart = clock.now
        let after = try await Wait.until("the broker to answer after the restart", deadline: .seconds(90), every: .milliseconds(500)) {
            try await context.broker.queues()
        }.first { $0.name == queueName }
        let restartTime = clock.now - restartStart

        for worker in context.roles.workers {
            try await context.faults.inject(.start(ServiceTarget(service: worker)))
        }
        let survivors = after?.total ?? 0
        let deliveries = try await context.waitForProcessing(
            of: Set(tokens), prefix: prefix, since: since, deadline: survivors >= tokens.count ? .seconds(60) : .seconds(15)
        )
        let analysis = HistoryChecker().check(History(attempts: attempts, deliveries: deliveries))
        let processed = Set(deliveries.filter { $0.outcome == .acked }.map(\.id))
        let lost = tokens.filter { !processed.contains($0) }

        let figures = [
            Figure("queue.before", "messages in \(queueName) before the kill (ready + unacknowledged)", Double(before.total), unit: "messages"),
            Figure("queue.before.unacked", "of which in flight (unacknowledged)", Double(before.unacknowledged), unit: "messages"),
            Figure("queue.after", "messages in \(queueName) after the restart", Double(survivors), unit: "messages"),
            Figure("queue.durable.after", "queue durable after the restart (1 = yes)", (after?.durable ?? false) ? 1 : 0),
            Figure("processed", "messages processed after the restart", Double(processed.count), unit: "messages"),
            Figure("lost", "messages lost", Double(lost.count), unit: "messages"),
            .seconds("broker.restart", "time from start to the broker answering", restartTime),
        ] + analysis.figures
        let evidence = [
            analysis.evidence,
            Evidence(source: "broker", title: "\(queueName) around the crash (rabbitmqctl list_queues)", lines: [
                "before the kill: ready \(before.ready), unacknowledged \(before.unacknowledged), durable \(before.durable)",
                "broker killed with SIGKILL at \(kill.at.formatted(.iso8601.time(includingFractionalSeconds: true)))",
                after.map { "after the restart: ready \($0.ready), unacknowledged \($0.unacknowledged), durable \($0.durable)" }
                    ?? "after the restart: the broker has no queue named \(queueName)",
            ]),
            Evidence(source: "workers", title: "Deliveries after the restart", lines: deliveries.map {
                "\($0.id) → \($0.worker) redelivered=\($0.redelivered) \($0.outcome)"
            }),
        ]
        if survivors < before.total || !lost.isEmpty || !analysis.unexpected.isEmpty {
            var reason = "\(lost.count) of \(tokens.count) confirmed messages lost in the broker crash: \(queueName) held \(before.ready) ready + \(before.unacknowledged) unacknowledged before the SIGKILL and \(survivors) after the restart"
            // A non-durable queue may be gone after the restart, or declared afresh by a
            // reconnecting client; the sample before the kill says what it was.
            if !before.durable || after?.durable == false {
                reason += "; the queue is not durable"
            } else if after == nil {
                reason += "; the queue itself was gone"
            }
            if let first = analysis.lost.first {
                reason += " (\(first.explanation))"
            }
            if let unexpected = analysis.unexpected.first {
                reason += "; unexpected: \(unexpected.explanation)"
            }
            return .fail(reason + detour + ".", figures: figures, evidence: evidence, messages: deliveries)
        }
        let inFlightNote = supportsWork
            ? (deliveries.contains { $0.id == inFlight && $0.redelivered } ? "; the in-flight message came back flagged redelivered" : "; the in-flight message came back")
            : ""
        return .pass(
            "All \(tokens.count) messages survived the broker's SIGKILL (\(before.total) before, \(survivors) after, restart took \(String(format: "%.1f", restartTime.seconds)) s) and were processed\(inFlightNote)\(detour).",
            figures: figures, evidence: evidence, messages: deliveries
        )
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
}
