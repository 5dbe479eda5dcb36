@testable import ChaosLab
import Foundation
import Testing

/// Persistence's verdicts on recorded firehose streams: worker1 holds the in-flight ps-0 from
/// 1.0 s, ps-1…ps-4 wait in the queue, the broker is SIGKILLed at 3 s and answers again 6 s
/// later; the workers then reconnect (new connections, new channels) and take what survived.
@Suite("Verdicts: persistence")
struct PersistenceVerdictTests {
    typealias R = RecordedBroker
    typealias S = RecordedStack
    typealias Case = VerdictCase<PersistenceCheck.PersistenceObservation, Verdict>

    static let check = PersistenceCheck(queuedMessages: 4)
    static let killAt = 3.0
    static let worker1After = R.channel("172.20.0.5", connection: 2)
    static let worker2After = R.channel("172.20.0.6", connection: 2)
    static let consumers = [S.facts(S.worker1), S.facts(worker1After), S.facts(worker2After)]
    static let queued = (1...4).map { "ps-\($0)" }
    static let gap = ObservationGap(from: R.at(11), to: R.at(16), reason: "the firehose connection closed: connection reset by peer")
    static let detour = " (worker1, busy with the in-flight message, still took the first 4 queued messages off work, so 4 more were queued with every worker stopped)"

    /// Before the kill: ps-0 in flight on worker1 and ps-1…ps-4 queued, published through the
    /// API (`transient` ones with delivery mode 1). After it: `survivors` delivered again,
    /// ps-0 to worker1 (`flagged` redelivered), the rest to worker2, and the queue drained.
    static func stream(transient: Set<String> = [], survivors: [String] = ["ps-0"] + queued, flagged: Bool = true) -> RecordedBroker {
        var recorded = R()
        recorded.publish("ps-0", from: S.api, at: 0.9)
        recorded.deliver("ps-0", to: S.worker1, at: 1.0)
        for (index, token) in queued.enumerated() {
            recorded.publish(token, from: S.api, at: 1.2 + Double(index) * 0.05, persistent: !transient.contains(token))
        }
        afterRestart(&recorded, survivors, flagged: flagged)
        return recorded
    }

    static func afterRestart(_ recorded: inout RecordedBroker, _ survivors: [String], flagged: Bool = true) {
        for (index, token) in survivors.enumerated() {
            let inFlight = token == "ps-0"
            recorded.deliver(token, to: inFlight ? worker1After : worker2After, at: 12 + Double(index) * 0.2, redelivered: inFlight && flagged)
        }
    }

    static func load(
        _ recorded: RecordedBroker, tokens: [String] = ["ps-0"] + queued, inFlight: String? = "ps-0", attempts: [PublishAttempt]? = nil,
        before: QueueStatus = S.queue(ready: 4, unacknowledged: 1, consumers: 1), publishedByLab: Bool = false, detour: String = ""
    ) -> PersistenceCheck.Load {
        PersistenceCheck.Load(
            tokens: tokens, inFlight: inFlight, attempts: attempts ?? tokens.map { S.attempt($0, at: 1) }, before: before,
            publishedByLab: publishedByLab, detour: detour,
            persistent: recorded.publishedPersistent.filter { tokens.contains($0.key) }
        )
    }

    static func seen(
        _ recorded: RecordedBroker, load: PersistenceCheck.Load? = nil, after: QueueStatus? = S.queue(ready: 5, consumers: 0),
        drains: [Double] = [20], gaps: [ObservationGap] = []
    ) -> PersistenceCheck.PersistenceObservation {
        PersistenceCheck.PersistenceObservation(
            queue: "work", load: load ?? Self.load(recorded), killAt: R.at(killAt), after: after, restartTime: .seconds(6),
            deliveries: recorded.traces(consumers: consumers, drains: drains, names: S.names), gaps: gaps
        )
    }

    static let cases: [Case] = [
        Case("all five back after the restart, the in-flight one flagged redelivered → pass naming the depths and the flag", .pass,
             naming: ["All 5 messages survived the broker's SIGKILL (5 before, 5 after, restart took 6.0 s) and were processed; the in-flight message came back flagged redelivered."]) {
            seen(stream())
        },
        Case("the in-flight one comes back without the redelivered flag → pass saying only that it came back", .pass,
             naming: ["and were processed; the in-flight message came back."], without: ["flagged"]) {
            seen(stream(flagged: false))
        },
        Case("no long work in the API: nothing in flight, four queued → pass", .pass,
             naming: ["All 4 messages survived the broker's SIGKILL (4 before, 4 after, restart took 6.0 s) and were processed."], without: ["in-flight", "lab published"]) {
            var recorded = R()
            for token in queued { recorded.publish(token, from: S.api, at: 1.2) }
            afterRestart(&recorded, queued)
            return seen(recorded, load: load(recorded, tokens: queued, inFlight: nil, before: S.queue(ready: 4)), after: S.queue(ready: 4))
        },
        Case("auto-ack worker1 took the first batch while busy, a second batch queued → pass naming the detour", .pass,
             naming: ["All 4 messages survived the broker's SIGKILL (4 before, 4 after", "were processed" + detour + "."]) {
            let second = (5...8).map { "ps-\($0)" }
            var recorded = R()
            for (index, token) in (["ps-0"] + queued).enumerated() {
                recorded.publish(token, from: S.api, at: 0.9 + Double(index) * 0.05)
                recorded.deliver(token, to: S.worker1, at: 1.0 + Double(index) * 0.05)
            }
            for token in second { recorded.publish(token, from: S.api, at: 2) }
            afterRestart(&recorded, second)
            let held = load(recorded, tokens: second, inFlight: nil, attempts: (0...8).map { S.attempt("ps-\($0)", at: 1) }, before: S.queue(ready: 4), detour: detour)
            return PersistenceCheck.PersistenceObservation(
                queue: "work", load: held, killAt: R.at(killAt), after: S.queue(ready: 4), restartTime: .seconds(6),
                deliveries: recorded.traces(consumers: [S.facts(S.worker1, prefetch: 0, acknowledges: false), S.facts(worker2After)], drains: [20], names: S.names), gaps: []
            )
        },
        Case("worker1 without a prefetch limit held the first batch unacknowledged, stopped, a second batch queued; all nine processed after the restart → pass, the first batch is no stranger", .pass,
             naming: ["All 4 messages survived the broker's SIGKILL (9 before, 9 after", detour]) {
            let second = (5...8).map { "ps-\($0)" }
            var recorded = R()
            for (index, token) in (["ps-0"] + queued).enumerated() {
                recorded.publish(token, from: S.api, at: 0.9 + Double(index) * 0.05)
                recorded.deliver(token, to: S.worker1, at: 1.0 + Double(index) * 0.05)
            }
            for token in second { recorded.publish(token, from: S.api, at: 2) }
            for (index, token) in (["ps-0"] + queued + second).enumerated() {
                recorded.deliver(token, to: worker2After, at: 12 + Double(index) * 0.2, redelivered: index < 5)
            }
            let held = load(recorded, tokens: second, inFlight: nil, attempts: (0...8).map { S.attempt("ps-\($0)", at: 1) }, before: S.queue(ready: 9), detour: detour)
            return PersistenceCheck.PersistenceObservation(
                queue: "work", load: held, killAt: R.at(killAt), after: S.queue(ready: 9), restartTime: .seconds(6),
                deliveries: recorded.traces(consumers: [S.facts(S.worker1, prefetch: 0), S.facts(worker2After)], drains: [20], names: S.names), gaps: []
            )
        },
        Case("the API answers 503 to everything, the lab publishes the four itself → pass saying the producer's delivery mode was not tested", .pass,
             naming: ["All 4 messages survived the broker's SIGKILL", "The API took none of them, so the lab published them itself (persistent); the producer's own delivery mode was not tested."]) {
            var recorded = R()
            for token in queued { recorded.publish(token, from: S.lab, at: 1.2) }
            afterRestart(&recorded, queued)
            let refused = (["ps-0"] + queued).map { S.attempt($0, at: 1, status: 503) }
            return seen(recorded, load: load(recorded, tokens: queued, inFlight: nil, attempts: refused, before: S.queue(ready: 4), publishedByLab: true), after: S.queue(ready: 4))
        },
        Case("the stack has no API, the lab publishes the four itself → pass", .pass,
             naming: ["All 4 messages survived the broker's SIGKILL", "The stack has no HTTP API, so the lab published them itself (persistent)"]) {
            var recorded = R()
            for token in queued { recorded.publish(token, from: S.lab, at: 1.2) }
            afterRestart(&recorded, queued)
            return seen(recorded, load: load(recorded, tokens: queued, inFlight: nil, attempts: [], before: S.queue(ready: 4), publishedByLab: true), after: S.queue(ready: 4))
        },
        Case("every message published with delivery mode 1, the queue empty after the restart → fail naming transient and delivery_mode=2", .fail,
             naming: ["5 of 5 confirmed messages lost in the broker crash: work held 4 ready + 1 unacknowledged before the SIGKILL and 0 after the restart",
                      "every message was published transient (delivery mode 1, seen on the firehose), so the broker kept them in memory only: publish with delivery_mode=2"]) {
            var recorded = R()
            recorded.publish("ps-0", from: S.api, at: 0.9, persistent: false)
            recorded.deliver("ps-0", to: S.worker1, at: 1.0)
            for token in queued { recorded.publish(token, from: S.api, at: 1.2, persistent: false) }
            return seen(recorded, after: S.queue(consumers: 0))
        },
        Case("ps-3 and ps-4 published transient and gone → fail naming 2 of them", .fail,
             naming: ["2 of 5 confirmed messages lost in the broker crash", "and 3 after the restart", "2 of them were published transient (delivery mode 1, seen on the firehose)"]) {
            seen(stream(transient: ["ps-3", "ps-4"], survivors: ["ps-0", "ps-1", "ps-2"]), after: S.queue(ready: 3, consumers: 0))
        },
        Case("a non-durable queue declared afresh, empty, by a reconnecting worker → fail naming durable=True", .fail,
             naming: ["5 of 5 confirmed messages lost in the broker crash", "and 0 after the restart", "the queue is not durable, so it and its messages die with the broker: declare it durable=True"]) {
            let recorded = stream(survivors: [])
            return seen(recorded, load: load(recorded, before: S.queue(ready: 4, unacknowledged: 1, consumers: 1, durable: false)), after: S.queue(consumers: 2, durable: false))
        },
        Case("a durable queue missing after the restart → fail naming the queue gone", .fail,
             naming: ["5 of 5 confirmed messages lost in the broker crash", "and 0 after the restart", "the queue itself was gone"]) {
            seen(stream(survivors: []), after: nil)
        },
        Case("all five survive but ps-3 and ps-4 are never delivered, the lab watching → fail naming ps-3", .fail,
             naming: ["2 of 5 confirmed messages lost in the broker crash", "and 5 after the restart", "(ps-3 was acknowledged by the broker and never delivered)"]) {
            seen(stream(survivors: ["ps-0", "ps-1", "ps-2"]))
        },
        Case("all five survive, ps-3 and ps-4 not seen processed while the firehose was down → inconclusive naming the gap", .inconclusive,
             naming: ["All 5 messages survived the crash in work, but 2 were not seen processed while the lab was not watching the broker", "connection reset by peer"]) {
            seen(stream(survivors: ["ps-0", "ps-1", "ps-2"]), gaps: [gap])
        },
    ]

    @Test("verdict table", arguments: cases)
    func verdict(_ row: Case) {
        let outcome = Self.check.judge(row.seen())
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }
}
