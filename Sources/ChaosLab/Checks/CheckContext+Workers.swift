public import Foundation

extension CheckContext {
    /// Stops `workers` (every worker by default) so nothing consumes the work queue, skipping
    /// any this check already left stopped or killed; the runner starts them again afterwards.
    /// They are stopped at once, not one after another: a tutorial worker runs as PID 1 and
    /// ignores SIGTERM, so each stop lasts its whole 5 s before Docker kills it.
    public func stopWorkers(_ workers: [String]? = nil) async throws {
        let down = await faults.brokenTargets
        let targets = (workers ?? roles.workers).map { ServiceTarget(worker: $0) }.filter { !down.contains($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for target in targets {
                group.addTask { [faults] in
                    try await faults.inject(.stop(target, timeout: .seconds(5)))
                }
            }
            try await group.waitForAll()
        }
    }

    /// The consumers of `queue` now, or `nil` when the broker has no such queue: over AMQP
    /// (live and cheap), else with `rabbitmqctl` when the lab has no AMQP login.
    public func consumers(of queue: String) async throws -> Int? {
        if observer.unavailable == nil, let state = try? await observer.peek.state(of: queue) {
            return Int(state.consumerCount)
        }
        return try await broker.queue(named: queue)?.consumers
    }

    /// Waits (up to `deadline`) until every worker consumes the work queue again, as after
    /// faults; what stays missing is for the checks to find.
    /// - Parameter holding: how long the count must stay whole: a stack that starts its
    ///   services in no order (Swarm) has workers that consume, lose the broker once more as it
    ///   finishes booting, and come back.
    public func waitForWorkersConsuming(deadline: Duration = .seconds(45), holding: Duration = .zero) async {
        let expected = roles.workers.count
        let clock = ContinuousClock()
        var wholeSince: ContinuousClock.Instant?
        _ = try? await Wait.until("\(expected) consumers on \(roles.workQueue)", deadline: deadline, every: .milliseconds(250)) { () async throws -> Int? in
            let consumers = try await consumers(of: roles.workQueue) ?? 0
            guard consumers >= expected else {
                wholeSince = nil
                return nil
            }
            let since = wholeSince ?? clock.now
            wholeSince = since
            return clock.now - since >= holding ? consumers : nil
        }
    }

    /// Empties `queue` of its ready messages: over AMQP, else with `rabbitmqctl`.
    public func purge(_ queue: String) async throws {
        if observer.unavailable == nil, (try? await observer.peek.purge(queue)) != nil { return }
        try await broker.purge(queue)
    }

    /// Throws ``ObservationUnavailable`` when the lab cannot watch the broker: a check that
    /// judges deliveries then concludes nothing (inconclusive, with the reason).
    public func requireObservation() throws {
        if let reason = observer.unavailable {
            throw ObservationUnavailable(reason: reason)
        }
    }

    /// The deliveries from the work queue of messages whose token starts with `prefix`, since
    /// `since`, as the broker saw them.
    public func deliveries(prefix: String, since: Date) async -> [MessageTrace] {
        await observer.traces(tokenPrefix: prefix, queue: roles.workQueue, since: since)
    }

    /// Waits until the broker delivers `token` from the work queue and returns that delivery.
    /// - Throws: ``WaitTimeout`` when no consumer received it in time.
    public func waitForStart(of token: String, since: Date, deadline: Duration = .seconds(15)) async throws -> MessageTrace {
        try requireObservation()
        return try await Wait.until("a worker to receive \(token)", deadline: deadline, every: .milliseconds(100)) {
            await deliveries(prefix: token, since: since).first { $0.id == token }
        }
    }

    /// Waits until every one of `tokens` was handled (acknowledged, or sent to an auto-ack
    /// consumer) and returns all deliveries of tokens starting with `prefix`; on timeout returns
    /// what was seen so far.
    ///
    /// The last delivery on each channel is settled only by the queue draining, which the broker
    /// is asked about (at most once a second) once every token has been delivered.
    public func waitForProcessing(of tokens: Set<String>, prefix: String, since: Date, deadline: Duration) async throws -> [MessageTrace] {
        try requireObservation()
        let clock = ContinuousClock()
        var lastDrainQuestion: ContinuousClock.Instant?
        var seen: [MessageTrace] = []
        do {
            return try await Wait.until("\(tokens.count) messages to be processed", deadline: deadline, every: .milliseconds(200)) {
                seen = await deliveries(prefix: prefix, since: since)
                if tokens.isSubset(of: Self.handled(seen)) { return seen }
                let delivered = Set(seen.map(\.id))
                let due = lastDrainQuestion.map { clock.now - $0 >= .seconds(1) } ?? true
                if tokens.isSubset(of: delivered), due {
                    lastDrainQuestion = clock.now
                    if await observer.noteIfDrained(roles.workQueue) {
                        seen = await deliveries(prefix: prefix, since: since)
                        if tokens.isSubset(of: Self.handled(seen)) { return seen }
                    }
                }
                return nil
            }
        } catch is WaitTimeout {
            return await deliveries(prefix: prefix, since: since)
        }
    }

    /// The tokens with at least one handled delivery.
    static func handled(_ traces: [MessageTrace]) -> Set<String> {
        Set(traces.filter(\.outcome.isHandled).map(\.id))
    }

    /// What the workers printed or recorded about messages starting with `prefix`, when the
    /// roles say how to read it: shown beside the broker's account, never used for a verdict.
    public func workerOutput(prefix: String, since: Date) async -> Evidence? {
        guard let traces = await workerTraces(prefix: prefix, since: since), !traces.isEmpty else { return nil }
        return Evidence(
            source: "workers",
            title: "What the workers printed about the same messages (corroboration; the verdict rests on the broker)",
            lines: traces.prefix(60).map {
                "\($0.id) → \($0.worker) at \($0.start.formatted(.iso8601.time(includingFractionalSeconds: true))) redelivered=\($0.redelivered) \($0.outcome.rawValue)"
            } + (traces.count > 60 ? ["… \(traces.count - 60) more"] : [])
        )
    }
}
