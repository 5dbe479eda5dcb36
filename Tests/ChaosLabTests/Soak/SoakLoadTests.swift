@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak load against fake stacks")
struct SoakLoadTests {
    static func configuration(
        duration: Duration = .seconds(30), limit: Int? = nil, rate: Double? = nil, lanes: Int = 4, window: Int = 64,
        confirmTimeout: Duration = .seconds(5), journal: URL? = nil
    ) -> SoakLoadConfiguration {
        SoakLoadConfiguration(
            duration: duration, runID: "abc123", rate: rate, lanes: lanes, window: window, messageLimit: limit,
            confirmTimeout: confirmTimeout, errorPause: .zero, journal: journal)
    }

    @Test("API: every attempt is journalled with the lab's token and classified by its status")
    func apiOutcomes() async throws {
        try await withTemporaryDirectory { directory in
            let journal = URL(fileURLWithPath: directory).appendingPathComponent("attempts.jsonl")
            let poster = FakePoster { number in [0: 503, 1: 400, 2: nil][number % 10] ?? 200 }
            let load = SoakLoad.fake(poster, Self.configuration(limit: 1000, journal: journal))
            let result = try await load.run()
            #expect((result.acknowledged, result.refused, result.indeterminate) == (700, 100, 200))
            #expect(result.route == .api)
            let attempts = try PublishAttemptJournal.read(from: journal)
            #expect(Set(attempts.map(\.token)) == Set((1...1000).map { "soak-abc123-\($0)" }))
            #expect(attempts.allSatisfy { LabTokens(runID: "abc123").first(in: $0.token) == $0.token })
            for attempt in attempts {
                let number = tokenNumber(attempt.token)
                let expected: PublishOutcome = switch number % 10 {
                case 0, 2: .indeterminate
                case 1: .refused
                default: .acknowledged
                }
                #expect(attempt.outcome == expected, "\(attempt.token)")
            }
            #expect(result.series.acknowledged.reduce(0, +) == 700)
            #expect(result.publishLatency?.count == 700)
            #expect(await load.snapshot().inFlight == 0)
        }
    }

    @Test("AMQP: acks acknowledged, nacks and returns refused, confirms that never come indeterminate")
    func amqpOutcomes() async throws {
        try await withTemporaryDirectory { directory in
            let journal = URL(fileURLWithPath: directory).appendingPathComponent("attempts.jsonl")
            let load = SoakLoad.fake(Self.configuration(limit: 1000, lanes: 2, window: 50, confirmTimeout: .milliseconds(200), journal: journal)) { number in
                [3: .nack, 4: .returned, 5: .silent][number % 10] ?? .ack
            }
            let result = try await load.run()
            #expect((result.acknowledged, result.refused, result.indeterminate) == (700, 200, 100))
            #expect(result.route == .amqp)
            let attempts = try PublishAttemptJournal.read(from: journal)
            #expect(attempts.count == 1000)
            #expect(attempts.allSatisfy { $0.route == .amqp && $0.status == nil })
            let silent = attempts.filter { tokenNumber($0.token) % 10 == 5 }
            #expect(silent.allSatisfy { $0.outcome == .indeterminate && $0.took >= .milliseconds(200) })
            #expect(attempts.filter { tokenNumber($0.token) % 10 == 4 }.allSatisfy { $0.confirm == .returned && $0.detail == "312 NO_ROUTE" })
        }
    }

    @Test("AMQP: a lost connection leaves its publishes indeterminate, and the lane connects again")
    func amqpReconnects() async throws {
        let counter = ConnectionCounter()
        let load = SoakLoad.fake(counter: counter, Self.configuration(limit: 1000, lanes: 1, window: 32)) { number in
            number == 300 ? .dropConnection : .ack
        }
        let result = try await load.run()
        #expect(result.sent == 1000)
        #expect(result.refused == 0)
        #expect(result.indeterminate >= 1 && result.indeterminate <= 32)
        #expect(result.acknowledged == 1000 - result.indeterminate)
        #expect(await counter.opened == 2)
    }

    @Test("pacing: an API load at 200/s and an AMQP load at 300/s never run ahead of their rate", arguments: [false, true])
    func pacing(amqp: Bool) async throws {
        let rate = amqp ? 300.0 : 200.0
        let configuration = Self.configuration(duration: .seconds(2), rate: rate, lanes: 4)
        let (result, _) = try await Self.runUntilItSends {
            amqp ? SoakLoad.fake(configuration) { _ in .ack } : SoakLoad.fake(FakePoster(), configuration)
        } check: { result in
            // One token to start with, then `rate` a second, however the lanes were scheduled; a
            // machine busy with other work may fall behind, never ahead.
            #expect(result.sent <= Int(rate * 2) + 1)
            #expect(result.series.acknowledged[0] <= Int(rate) + 1)
            #expect(result.elapsed < .seconds(4))
        }
        #expect(result.sent > 0)
    }

    /// Runs a fresh load from `make` until one sends something, at most three times, checking
    /// every run with `check`: on two cores, CPU-bound suites beside this one can keep a
    /// timed load's lanes off the cooperative pool for its whole duration, and a load that
    /// sent nothing proves nothing either way.
    static func runUntilItSends(
        _ make: () -> SoakLoad, check: (SoakLoadResult) async throws -> Void = { _ in }
    ) async throws -> (SoakLoadResult, SoakLoad) {
        var last: (SoakLoadResult, SoakLoad)?
        for _ in 1...3 {
            let load = make()
            let result = try await load.run()
            try await check(result)
            last = (result, load)
            if result.sent > 0 { break }
        }
        return try #require(last)
    }

    @Test("the load stops by itself at the end of its duration")
    func stopsByItself() async throws {
        let (result, load) = try await Self.runUntilItSends {
            SoakLoad.fake(FakePoster(delay: .milliseconds(1)), Self.configuration(duration: .seconds(1)))
        } check: { result in
            #expect(result.elapsed >= .seconds(1))
            #expect(result.elapsed < .seconds(3))
        }
        #expect(result.sent > 0)
        #expect(result.sent == result.acknowledged)
        #expect(await load.snapshot().inFlight == 0)
    }

    @Test("cancelling stops the load at once; what was in flight counts as indeterminate", arguments: [false, true])
    func cancellation(amqp: Bool) async throws {
        let configuration = Self.configuration(duration: .seconds(60), lanes: 8, window: 100, confirmTimeout: .seconds(30))
        let load = amqp
            ? SoakLoad.fake(configuration) { _ in .silent }
            : SoakLoad.fake(FakePoster(delay: .seconds(60)), configuration)
        let running = Task { try await load.run() }
        let inFlight = amqp ? 800 : 8
        try await Self.waitUntil { await load.snapshot().inFlight == inFlight }
        let cancelled = ContinuousClock.now
        running.cancel()
        let result = try await running.value
        #expect(ContinuousClock.now - cancelled < .seconds(2))
        #expect(result.acknowledged == 0)
        #expect(result.indeterminate == inFlight)
        #expect(await load.snapshot().inFlight == 0)
        #expect(result.elapsed < .seconds(30))
    }

    @Test("the progress snapshot shows the last whole second's rate while the load runs")
    func snapshot() async throws {
        let load = SoakLoad.fake(FakePoster(), Self.configuration(duration: .seconds(3), rate: 100, lanes: 2))
        let running = Task { try await load.run() }
        try await Self.waitUntil { await load.snapshot().elapsed >= .milliseconds(1100) }
        let progress = await load.snapshot()
        let result = try await running.value
        let second = Int(progress.elapsed.seconds) - 1
        // A second may hold its rate plus the burst the bucket banked (a tenth of a second's).
        #expect(progress.ackedPerSecond <= 110)
        #expect(abs(progress.ackedPerSecond - result.series.acknowledged[second]) <= 2)
        #expect(progress.errorsPerSecond == 0)
        #expect(progress.acknowledged >= progress.ackedPerSecond)
        #expect(progress.acknowledged <= result.acknowledged)
    }

    /// Polls `condition` every 10 ms, for at most 10 s.
    static func waitUntil(_ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !(await condition()) {
            guard ContinuousClock.now < deadline else {
                Issue.record("The condition did not hold within 10 s.")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("a load through a real API role holds no connections until it runs, and none when its journal cannot be written")
    func apiConnectionsOnlyWhileRunning() async throws {
        let role = APIRole(service: "api", baseURL: "http://127.0.0.1:9")
        _ = SoakLoad(.api(role), configuration: Self.configuration(limit: 1))
        let load = SoakLoad(.api(role), configuration: Self.configuration(limit: 1, journal: URL(fileURLWithPath: "/nonexistent-directory/attempts.jsonl")))
        await #expect(throws: JournalError.self) { try await load.run() }
    }

    @Test("a load runs once")
    func runsOnce() async throws {
        let load = SoakLoad.fake(FakePoster(), Self.configuration(limit: 10))
        _ = try await load.run()
        await #expect(throws: SoakLoadError.self) { try await load.run() }
    }

    @Test("a long run keeps the load's memory bounded: the window, the journal's buffer and one entry a second")
    func boundedMemory() async throws {
        try await withTemporaryDirectory { directory in
            let journal = URL(fileURLWithPath: directory).appendingPathComponent("attempts.jsonl")
            let messages = 200_000
            let load = SoakLoad.fake(Self.configuration(limit: messages, lanes: 2, window: 256, journal: journal)) { _ in .ack }
            let result = try await load.run()
            #expect(result.acknowledged == messages)
            #expect(await load.inFlightHighWater <= 2 * 256)
            #expect(await load.journalBufferHighWater <= PublishAttemptJournal.flushThreshold + 1024)
            #expect(result.series.count <= Int(result.elapsed.seconds) + 1)
            #expect(await load.publishLatency.count == messages)
            let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").count
            #expect(lines == messages)
        }
    }
}
