import ChaosLab
import Foundation
import TeamChecks
import Testing

/// The team's check judged from recorded deliveries, without a stack: each way it can fail.
@Suite("burst-processed-once verdicts")
struct BurstVerdictTests {
    let check = BurstProcessedOnceCheck(messages: 4)
    let tokens: Set<String> = ["m1", "m2", "m3", "m4"]
    let drained = QueueStatus(name: "work", durable: true, ready: 0, unacknowledged: 0, consumers: 2)

    func trace(_ id: String, _ worker: String, redelivered: Bool = false, _ outcome: DeliveryOutcome = .acked) -> MessageTrace {
        MessageTrace(id: id, worker: worker, start: Date(), end: Date(), redelivered: redelivered, outcome: outcome)
    }

    var shared: [MessageTrace] {
        [trace("m1", "worker1"), trace("m2", "worker2"), trace("m3", "worker1"), trace("m4", "worker2")]
    }

    @Test("each message once, both workers, queue drained: pass")
    func pass() {
        let outcome = check.judge(shared, tokens: tokens, workers: ["worker1", "worker2"], queue: drained)
        #expect(outcome.verdict == .pass, "\(outcome.reason)")
    }

    @Test("a message never acknowledged, one acknowledged twice, an idle worker: each fails, named")
    func failures() {
        let workers = ["worker1", "worker2"]
        #expect(check.judge(Array(shared.dropLast()), tokens: tokens, workers: workers, queue: drained).reason.contains("1 of the 4 messages were never acknowledged, e.g. m4"))
        #expect(check.judge(shared + [trace("m1", "worker2", redelivered: true)], tokens: tokens, workers: workers, queue: drained).reason.contains("acknowledged more than once, e.g. m1"))
        let lonely = shared.map { trace($0.id, "worker1") }
        #expect(check.judge(lonely, tokens: tokens, workers: workers, queue: drained).reason == "worker2 took none of the 4 messages.")
    }
}
