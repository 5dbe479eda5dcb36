import Foundation

extension RedeliveryCheck {
    /// The trial for workers whose tasks are instant (the API cannot ask for a long one): a
    /// burst waits in the queue with every worker stopped, one worker is started and SIGKILLed
    /// as soon as the broker hands it the first message, while it works through the burst.
    /// Every delivery it had not acknowledged at the kill must come back, flagged redelivered,
    /// to the other workers or to it once started again (a stack with one worker).
    struct BurstTrial {
        let check: RedeliveryCheck
        let context: CheckContext

        func run() async throws -> CheckOutcome {
            let worker = context.roles.workers[0]
            let target = ServiceTarget(worker: worker)
            let queue = context.roles.workQueue
            let tokens = (1...check.burstMessages).map { context.token(check.name, 100 + $0) }
            let prefix = String(context.token(check.name, 0).dropLast())
            let since = Date()

            try await context.stopWorkers()
            context.logger.info("redelivery: \(tokens.count) instant tasks queued with every worker stopped")
            let attempts = try await context.publishTasks(tokens, connectionName: "chaoslab redelivery")
            let queued = Set(attempts.filter(\.acknowledged).map(\.token))
            guard !queued.isEmpty else {
                let by = context.roles.api != nil ? "The API" : "The broker"
                return .inconclusive("\(by) acknowledged none of the \(tokens.count) messages of the burst (\(attempts.first.map { "\($0.answer) \($0.detail.prefix(120))" } ?? "")), so there was nothing to kill a worker over.")
            }
            _ = try? await Wait.until("\(queue) to hold the burst", deadline: .seconds(10)) {
                try await context.broker.queue(named: queue).flatMap { $0.ready >= queued.count ? $0 : nil }
            }
            try await context.faults.inject(.start(target))
            // The queue's depth (a passive declare, a millisecond) says the worker has begun;
            // the firehose's account would come later than a quick worker ends the burst.
            _ = try await Wait.until("\(worker) to start on the burst", deadline: .seconds(30), every: .milliseconds(10)) {
                try await context.observer.peek.state(of: queue).flatMap { Int($0.messageCount) < queued.count ? true : nil }
            }
            // Killed at once: asking the broker first would take longer than the burst does.
            context.logger.info("redelivery: \(worker) is working through the burst; killing it")
            let kill = try await context.faults.inject(.kill(target))
            for other in context.roles.workers {
                try await context.faults.inject(.start(ServiceTarget(worker: other)))
            }
            // Whether it acknowledges at all, as its code does: asked of it started again.
            await context.waitForWorkersConsuming()
            let consumers = await context.observer.consumerFacts(of: queue)
            let deliveries = try await context.waitForProcessing(of: queued, prefix: prefix, since: since, deadline: check.redeliveryDeadline + .seconds(10))
            var outcome = check.judge(BurstObservation(
                // Once `docker kill` returned the worker was dead: what reached it until then
                // reached it alive.
                worker: worker, queue: queue, attempts: attempts, consumers: consumers, killAt: kill.at.addingTimeInterval(kill.took.seconds),
                deliveries: deliveries, gaps: await context.observer.gaps(since: since),
                effects: await context.effectFile(prefix: prefix)
            ))
            if let printed = await context.workerOutput(prefix: prefix, since: since) { outcome.evidence.append(printed) }
            return outcome
        }
    }

    /// Everything a burst trial saw, for ``judge(_:)``.
    struct BurstObservation {
        /// The worker that was killed.
        var worker: String
        var queue: String
        var attempts: [PublishAttempt]
        /// The work queue's consumers, read once the workers consumed again after the kill:
        /// the killed worker started again acknowledges (or not) as it did before.
        var consumers: [(service: String, facts: ConsumerFacts)]
        /// When the kill had landed (`docker kill` returned).
        var killAt: Date
        /// Every delivery of the burst.
        var deliveries: [MessageTrace]
        var gaps: [ObservationGap]
        /// The workers' effect file once every worker ran again, when the stack has one.
        var effects: EffectFileReading?
    }

    /// The burst trial's verdict: a pure function, tested without a broker. The broker's
    /// account decides what was delivered and acknowledged; the effect file, when the stack
    /// has one, whether what was acknowledged was also done.
    func judge(_ seen: BurstObservation) -> CheckOutcome {
        let outcome = judgeDeliveries(seen)
        guard let effects = seen.effects else { return outcome }
        return Self.judgeEffects(effects, of: seen.deliveries, worker: seen.worker, killAt: seen.killAt, after: outcome)
    }

    /// The burst's deliveries as the broker tells them.
    func judgeDeliveries(_ seen: BurstObservation) -> CheckOutcome {
        let worker = seen.worker
        let beforeKill = seen.deliveries.filter { $0.worker == worker && $0.start <= seen.killAt }
        let after = seen.deliveries.filter { $0.start > seen.killAt }
        let autoAck = seen.consumers.contains { $0.service == worker && !$0.facts.acknowledges }
        // Held at the kill: delivered to it and settled by nothing before it died.
        let held = autoAck ? [] : beforeKill.filter { !$0.outcome.isHandled && $0.outcome != .rejected && $0.outcome != .requeued }.map(\.id)
        // With auto-ack, what it was sent and never sent again is gone, whatever the ledger
        // could settle (the killed channel's own facts died with it).
        let forgotten = autoAck ? beforeKill.filter { delivery in !after.contains { $0.id == delivery.id } }.map(\.id) : []
        let came = { (token: String) in after.first { $0.id == token && $0.outcome.isHandled } }
        let unreturned = held.filter { token in !after.contains { $0.id == token } }
        let unflagged = held.filter { token in after.contains { $0.id == token && !$0.redelivered } }
        let queued = seen.attempts.filter(\.acknowledged).map(\.token)
        let handled = Set(seen.deliveries.filter(\.outcome.isHandled).map(\.id))
        let neverProcessed = queued.filter { !handled.contains($0) }
        let firstAt = beforeKill.first?.start ?? seen.killAt
        let ms = { (date: Date) in String(format: "%.0f ms", date.timeIntervalSince(firstAt) * 1000) }

        let figures = [
            Figure("burst", "messages of the burst acknowledged (\(seen.attempts.first?.route == .amqp ? "confirmed by the broker, published by the lab in the producers' format" : "by the API"))", Double(queued.count), unit: "messages"),
            Figure("delivered.before.kill", "deliveries to \(worker) before its SIGKILL", Double(beforeKill.count)),
            Figure("held.at.kill", "deliveries \(worker) had not acknowledged at the kill", Double(held.count)),
            Figure("redelivered", "of them delivered again flagged redelivered", Double(held.filter { token in after.contains { $0.id == token && $0.redelivered } }.count)),
            Figure("lost", "messages of the burst never processed", Double(neverProcessed.count + forgotten.count), unit: "messages"),
            .seconds("first.to.kill", "time from \(worker)'s first delivery to the kill", .seconds(seen.killAt.timeIntervalSince(firstAt))),
        ]
        let evidence = [Evidence(source: "broker", title: "The burst around \(worker)'s SIGKILL (the broker's firehose)", lines:
            ["\(worker) received \(beforeKill.count) messages in the \(ms(seen.killAt)) before it was killed with SIGKILL"]
            + beforeKill.suffix(20).map { "\($0.id) → \(worker) at +\(ms($0.start)) → \($0.outcome.rawValue)" }
            + after.filter { held.contains($0.id) }.map { "\($0.id) → \($0.worker) after the kill redelivered=\($0.redelivered) → \($0.outcome.rawValue)" }
            + seen.consumers.map { "consumer of \(seen.queue) on \($0.service) (after the restart): ack_required \($0.facts.acknowledges), prefetch \($0.facts.prefetch)" })]
        func outcome(_ verdict: Verdict, _ reason: String) -> CheckOutcome {
            CheckOutcome(verdict: verdict, reason: reason, figures: figures, evidence: evidence, messages: seen.deliveries)
        }

        if autoAck, let first = forgotten.first {
            return outcome(.fail, "\(forgotten.count) message\(forgotten.count == 1 ? "" : "s") lost: \(worker) consumes \(seen.queue) with auto-ack (the broker's consumer list shows ack_required false once it runs again), so the broker forgot each message the moment it sent it; it had been sent \(forgotten.count) (e.g. \(first)) in the \(ms(seen.killAt)) before its SIGKILL, and none was ever delivered again. Whatever \(worker) had not finished died with it; consume with manual acknowledgements and ack after the work.")
        }
        if let gap = seen.gaps.first(where: { ($0.to ?? .distantFuture) >= seen.killAt }), !unreturned.isEmpty || !neverProcessed.isEmpty {
            return outcome(.inconclusive, "\(unreturned.count + neverProcessed.count) messages of the burst were not seen processed after \(worker)'s SIGKILL, but the lab was not watching the broker the whole time (\(gap)).")
        }
        if let first = unreturned.first {
            return outcome(.fail, "\(unreturned.count) message\(unreturned.count == 1 ? "" : "s") \(worker) had not acknowledged at its SIGKILL never came back (e.g. \(first)): the broker did not deliver \(unreturned.count == 1 ? "it" : "them") again within \(Int(redeliveryDeadline.seconds)) s.")
        }
        if let first = unflagged.first {
            return outcome(.fail, "\(first) reached a worker after \(worker)'s SIGKILL without the redelivered flag, so the broker did not see it as the killed worker's message: it was published again, not redelivered.")
        }
        if let first = neverProcessed.first {
            return outcome(.fail, "\(neverProcessed.count) messages of the burst were never processed (e.g. \(first)) within \(Int(redeliveryDeadline.seconds + 10)) s of the kill.")
        }
        if beforeKill.isEmpty {
            return outcome(.inconclusive, "\(worker) was killed before the broker had sent it anything of the burst, so there was nothing to give back, which proves nothing either way.")
        }
        guard let token = held.first, let back = came(token) else {
            return outcome(.inconclusive, "The SIGKILL found nothing in flight: \(worker) had acknowledged all \(beforeKill.count) messages it received in the \(ms(seen.killAt)) before it, so the broker had nothing to give back, which proves nothing either way.")
        }
        let restarted = back.worker == worker ? " once it started again" : ""
        return outcome(.pass, "\(worker) was SIGKILLed \(ms(seen.killAt)) into a burst of \(queued.count) instant tasks holding \(held.count) unacknowledged (\(token)); the broker redelivered each with redelivered=true (\(token) to \(back.worker)\(restarted)), and every message of the burst was processed.")
    }
}
