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
        let clock = ContinuousClock()
        let start = clock.now
        var last = try await context.readCounterWhenUp(counter, prefix: prefix)
        var unchangedSince = clock.now
        while clock.now - start < deadline {
            let queue = try? await context.broker.queue(named: context.roles.workQueue)
            let empty = queue.map { $0.ready + $0.unacknowledged == 0 } ?? true
            if empty, expected.allSatisfy({ last.count($0) >= 1 }) { return (last, true) }
            if empty, clock.now - unchangedSince >= .seconds(3) { return (last, true) }
            try await Task.sleep(for: .milliseconds(500))
            let next = try await context.readCounterWhenUp(counter, prefix: prefix)
            if next.counts != last.counts { unchangedSince = clock.now }
            last = next
        }
        return (last, false)
    }
}
