@testable import ChaosLab
import Foundation
import Testing

/// The soak's verdict from recorded histories: the same accounting and judgement the live
/// soak runs, on attempts, deliveries and fault windows written out by hand.
@Suite("Soak verdicts")
struct SoakCheckVerdictTests {
    typealias Fixture = SoakAccountingTests

    /// The summary and verdict of a soak of 10 s whose attempts, deliveries and windows are given.
    func judge(
        _ attempts: [PublishAttempt], _ deliveries: [MessageTrace], windows: [FaultWindow] = [Fixture.killWorker1],
        workerOutput: [MessageTrace]? = nil, gaps: [ObservationGap] = [], leftInQueue: Set<String> = [], leftBroken: [String] = [],
        deadLettered: [String: String] = [:]
    ) -> CheckOutcome {
        var series = PerSecondSeries(start: Fixture.origin)
        for attempt in attempts {
            series.add(attempt.outcome, second: Int(attempt.at.timeIntervalSince(Fixture.origin)))
        }
        series.extend(through: 9)
        let load = SoakLoadResult(
            route: .api, started: Fixture.origin, elapsed: .seconds(10), acknowledged: attempts.filter { $0.outcome == .acknowledged }.count,
            refused: attempts.filter { $0.outcome == .refused }.count, indeterminate: attempts.filter { $0.outcome == .indeterminate }.count,
            series: series, publishLatency: nil
        )
        let accounting = SoakAccounting(
            attempts: attempts, deliveries: deliveries, workerOutput: workerOutput, gaps: gaps, windows: windows,
            origin: Fixture.origin, leftInQueue: leftInQueue, deadLettered: deadLettered
        ).account()
        let options = SoakOptions(duration: 10, seed: 42)
        let summary = SoakCheck.summary(
            options: options, schedule: SoakSchedule(seed: 42, faults: windows.map(\.fault)),
            played: .init(load: load, windows: windows, leftBroken: leftBroken), attempts: attempts, traces: deliveries,
            accounting: accounting, endToEnd: nil
        )
        return SoakCheck.judge(summary)
    }

    @Test("every acknowledged message processed, one twice after a kill: pass, the duplicate and redelivery counted")
    func pass() throws {
        let outcome = judge(
            [Fixture.attempt("soak-1", at: 1), Fixture.attempt("soak-2", at: 2), Fixture.attempt("soak-3", at: 3, status: 503)],
            [
                Fixture.delivery("soak-1", "worker1", at: 1.1), Fixture.delivery("soak-2", "worker1", at: 4.0, .unfinished),
                Fixture.delivery("soak-2", "worker2", at: 4.2, redelivered: true), Fixture.delivery("soak-3", "worker2", at: 3.1),
            ]
        )
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.hasPrefix("All 2 acknowledged messages were processed under 1 fault (seed 42): 0 duplicated, 1 of 1 indeterminate recovered, 1 redeliveries"))
        let summary = try #require(outcome.soak)
        #expect(summary.counts == .init(attempted: 3, acknowledged: 2, refused: 0, indeterminate: 1, processed: 2, recovered: 1, redeliveries: 1))
        #expect(summary.finalLine == "soak: 2 acknowledged, 2 processed, 0 lost, 0 duplicated, 0 unexpected, 1 recovered; 0.2 msg/s")
        #expect(summary.chart.windows == [SoakChart.Window(tag: "F1", label: "SIGKILL worker1 from +4.0 s to +9.0 s", start: 4, end: 9.2)])
    }

    @Test("an acknowledged message that died with an auto-ack worker: fail, naming it with its story")
    func lost() throws {
        let outcome = judge(
            [Fixture.attempt("soak-1", at: 1), Fixture.attempt("soak-2", at: 3.9)],
            [Fixture.delivery("soak-1", "worker2", at: 1.1), Fixture.delivery("soak-2", "worker1", at: 3.95, .autoAcked)],
            workerOutput: [Fixture.delivery("soak-1", "worker2", at: 1.1)]
        )
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.hasPrefix("1 of 2 acknowledged messages lost under 1 fault (seed 42): soak-2"))
        #expect(outcome.reason.contains("worker1"))
        #expect(outcome.reason.contains("F1 SIGKILL worker1"))
        let summary = try #require(outcome.soak)
        #expect(summary.lost.map(\.token) == ["soak-2"])
        #expect(outcome.evidence.contains { $0.title == "Lost messages, each with its story" })
    }

    @Test("a message processed that nobody published: fail, naming it")
    func unexpected() {
        let outcome = judge([Fixture.attempt("soak-1", at: 1)], [Fixture.delivery("soak-1", "worker1", at: 1.1), Fixture.delivery("soak-9", "worker1", at: 2)])
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason == "1 messages processed that the lab never published (soak-9).")
    }

    @Test("an acknowledged message the broker may have delivered unwatched, no worker output: inconclusive, never a fail")
    func unobserved() {
        let outcome = judge(
            [Fixture.attempt("soak-1", at: 1), Fixture.attempt("soak-2", at: 19)],
            [Fixture.delivery("soak-1", "worker1", at: 1.1)],
            windows: [Fixture.brokerKill], gaps: [Fixture.brokerGap]
        )
        #expect(outcome.verdict == .inconclusive)
        #expect(outcome.reason.hasPrefix("1 of 2 acknowledged messages could not be accounted for (soak-2)"))
    }

    @Test("nothing acknowledged: inconclusive, saying so")
    func nothingAcknowledged() {
        let outcome = judge([Fixture.attempt("soak-1", at: 1, status: 503)], [])
        #expect(outcome.verdict == .inconclusive)
        #expect(outcome.reason.hasPrefix("No publish was acknowledged in 10.0 s (0 refused, 1 indeterminate)"))
    }

    @Test("messages left in the queue are not lost, and a container the lab could not restore is named")
    func leftAndBroken() {
        let outcome = judge(
            [Fixture.attempt("soak-1", at: 1), Fixture.attempt("soak-2", at: 2)], [Fixture.delivery("soak-1", "worker1", at: 1.1)],
            leftInQueue: ["soak-2"], leftBroken: ["chaoslab_worker1_1 left paused: docker unpause failed"]
        )
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.hasPrefix("No acknowledged message was lost under 1 fault (seed 42): of 2 acknowledged, 1 processed, 1 still in the work queue after the drain (taken off by the lab);"))
        #expect(outcome.reason.hasSuffix("The lab could not restore: chaoslab_worker1_1 left paused: docker unpause failed."))
    }

    @Test("acknowledged messages the broker dead-lettered when the queue overflowed: not processed, not lost; the pass says where they are")
    func deadLettered() throws {
        let outcome = judge(
            [Fixture.attempt("soak-1", at: 1), Fixture.attempt("soak-2", at: 2), Fixture.attempt("soak-3", at: 2.5)],
            [Fixture.delivery("soak-1", "worker1", at: 1.1)],
            workerOutput: [Fixture.delivery("soak-1", "worker1", at: 1.1)], deadLettered: ["soak-2": "maxlen", "soak-3": "maxlen"]
        )
        #expect(outcome.verdict == .pass, "\(outcome.reason)")
        #expect(outcome.reason.hasPrefix("No acknowledged message was lost under 1 fault (seed 42): of 3 acknowledged, 1 processed, 2 dead-lettered by the broker and kept in the dead-letter queue (2 when the work queue overflowed its max-length);"))
        #expect(try #require(outcome.soak).counts.deadLettered == 2)
    }

    @Test("p99 per second groups acknowledged answers by the second they came")
    func p99PerSecond() throws {
        var attempts = (0..<100).map { PublishAttempt(token: "a\($0)", at: Fixture.at(0.1), status: 200, detail: "", took: .milliseconds(10)) }
        attempts.append(PublishAttempt(token: "slow", at: Fixture.at(0.5), status: 200, detail: "", took: .milliseconds(900)))
        attempts.append(PublishAttempt(token: "failed", at: Fixture.at(2.1), status: 503, detail: "", took: .seconds(5)))
        let p99 = SoakChart.p99PerSecond(attempts, from: Fixture.origin, seconds: 3)
        #expect(p99.count == 3)
        #expect(try abs(#require(p99[0]) - 0.010) < 0.001)
        #expect(try abs(#require(p99[1]) - 0.9) < 0.01)
        #expect(p99[2] == nil)
    }

    @Test("a soak message's token is found in the body the lab takes off the queue")
    func tokenInBody() {
        #expect(SoakCheck.token(in: #"{"id": "soak-ab12cd-17", "work_ms": 0}"#, prefix: "soak-ab12cd-") == "soak-ab12cd-17")
        #expect(SoakCheck.token(in: "soak-ab12cd-", prefix: "soak-ab12cd-") == nil)
        #expect(SoakCheck.token(in: "other", prefix: "soak-ab12cd-") == nil)
    }

    @Test("a short soak's default pacing still draws faults; a long one's is the standard pacing")
    func fittingPacing() {
        #expect(SoakPacing.fitting(duration: 300) == SoakPacing())
        for seed in UInt64(1)...20 {
            let schedule = SoakOptions(duration: 40, seed: seed).schedule(workers: ["worker1", "worker2"], broker: "rabbitmq")
            #expect(!schedule.faults.isEmpty, "seed \(seed) drew no fault in 40 s")
            #expect(schedule.faults.allSatisfy { $0.at >= 5 && $0.at + $0.duration <= 35 })
        }
    }
}
