import Foundation

extension ExactCountsCheck {
    /// Publishes one event per token the way the producers do, each confirmed, and records
    /// every attempt with its phase.
    func publish(_ tokens: [String], phase: ExactCountsObservation.Phase, route: EventRoute, context: CheckContext, into seen: inout ExactCountsObservation) async throws {
        let attempts = try await context.publishEvents(tokens, on: route, connectionName: "chaoslab exact-counts")
        for attempt in attempts {
            seen.events.append(ExactCountsObservation.Event(attempt: attempt, phase: phase))
        }
    }

    /// Reads the counter until every confirmed event so far is counted and the queue is empty,
    /// or 30 s pass; returns the last reading either way (the judgement says what is missing).
    func waitUntilCounted(_ seen: ExactCountsObservation, counter: CounterRole, prefix: String, context: CheckContext) async throws -> CounterReading {
        try await settle(seen, counter: counter, prefix: prefix, context: context, deadline: .seconds(30)).reading
    }

    /// Reads the counter every half second until it settles: every confirmed event counted
    /// with the queue empty, or the queue empty and the page unchanged for 3 s. `drained`
    /// is false when `deadline` passed first.
    func settle(
        _ seen: ExactCountsObservation, counter: CounterRole, prefix: String, context: CheckContext, deadline: Duration = .seconds(60)
    ) async throws -> (reading: CounterReading, drained: Bool) {
        let expected = seen.confirmedTokens
        return try await settleCounter(
            context: context, deadline: deadline,
            read: { try await context.readCounterWhenUp(counter, prefix: prefix) },
            unchanged: { $0.counts == $1.counts },
            counted: { reading in expected.allSatisfy { reading.count($0) >= 1 } }
        )
    }

    /// Reads the counter with `read` every half second until it settles: `counted` holds with
    /// the work queue empty, or the queue is empty and the reading was `unchanged` for 3 s.
    /// `drained` is false when `deadline` passed first.
    ///
    /// The page is the stack's own HTTP answer, not an event the broker shows, so it is
    /// polled; the queue's depth is read beside it.
    func settleCounter<Reading>(
        context: CheckContext, deadline: Duration, read: () async throws -> Reading,
        unchanged: (Reading, Reading) -> Bool, counted: (Reading) -> Bool
    ) async throws -> (reading: Reading, drained: Bool) {
        let clock = ContinuousClock()
        let start = clock.now
        var last = try await read()
        var unchangedSince = clock.now
        while clock.now - start < deadline {
            let queue = try? await context.broker.queue(named: context.roles.workQueue)
            let empty = queue.map { $0.ready + $0.unacknowledged == 0 } ?? true
            if empty, counted(last) || clock.now - unchangedSince >= .seconds(3) { return (last, true) }
            try await Task.sleep(for: .milliseconds(500))
            let next = try await read()
            if !unchanged(next, last) { unchangedSince = clock.now }
            last = next
        }
        return (last, false)
    }
}
