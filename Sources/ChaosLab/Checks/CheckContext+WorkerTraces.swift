import Foundation

extension CheckContext {
    /// What the workers printed or recorded about messages starting with `prefix`, as traces,
    /// when the roles say how to read it; `nil` when they do not. The witness of last resort
    /// for what the broker cannot show: whether an auto-acked message was processed.
    func workerTraces(prefix: String, since: Date) async -> [MessageTrace]? {
        let evidence = roles.workerEvidence
        guard evidence.receivedPattern != nil || evidence.recordFile != nil else { return nil }
        return try? await WorkerObserver(stack: stack, roles: roles).deliveries(tokenPrefix: prefix, since: since)
    }

    /// ``workerTraces(prefix:since:)`` read once the workers are done: an auto-ack consumer
    /// empties the queue as fast as the broker can send, then works through what it holds, so
    /// while the workers still show new auto-acked messages done the output is read again (every
    /// second until none came for 3 s, or until `deadline`).
    func workerTraces(
        settling traces: [MessageTrace], prefix: String, since: Date, until deadline: ContinuousClock.Instant
    ) async -> [MessageTrace]? {
        var output = await workerTraces(prefix: prefix, since: since)
        let autoAcked = Set(traces.filter { $0.outcome == .autoAcked }.map(\.id))
        guard output != nil, !autoAcked.isEmpty else { return output }
        let clock = ContinuousClock()
        func shown(_ output: [MessageTrace]?) -> Int {
            autoAcked.intersection((output ?? []).filter { $0.outcome == .acked }.map(\.id)).count
        }
        var count = shown(output)
        var lastGrowth = clock.now
        while count < autoAcked.count, clock.now < deadline, clock.now - lastGrowth < .seconds(3) {
            try? await Task.sleep(for: .seconds(1))
            let next = await workerTraces(prefix: prefix, since: since)
            let nextCount = shown(next)
            if nextCount > count { lastGrowth = clock.now }
            output = next ?? output
            count = max(count, nextCount)
        }
        return output
    }
}
