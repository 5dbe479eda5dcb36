@testable import ChaosLab
import Foundation
import Testing

/// The rolling-update verdict from a recorded stream and the updates, without a swarm.
@Suite("Rolling update verdict")
struct RollingUpdateJudgementTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func attempt(_ n: Int) -> PublishAttempt {
        PublishAttempt(token: "rolling-update-ab12cd-\(n)", at: t0 + Double(n) * 0.1, status: 200, detail: "", took: .milliseconds(20))
    }

    static func processed(_ n: Int, by worker: String = "worker1", redelivered: Bool = false) -> MessageTrace {
        MessageTrace(id: "rolling-update-ab12cd-\(n)", worker: worker, start: t0 + Double(n) * 0.1 + 0.05, end: t0 + Double(n) * 0.1 + 0.3, redelivered: redelivered, outcome: .acked)
    }

    static let updates = [
        FaultEvent(fault: .rollingUpdate("worker1", order: .startFirst), at: t0 + 1, took: .seconds(4)),
        FaultEvent(fault: .rollingUpdate("worker1", order: .stopFirst), at: t0 + 5, took: .seconds(6)),
    ]

    func seen(_ deliveries: [MessageTrace], published: Int = 20, workerOutput: [MessageTrace]? = nil) -> RollingUpdateObservation {
        RollingUpdateObservation(
            attempts: (1...published).map(Self.attempt), deliveries: deliveries, workerOutput: workerOutput, updates: Self.updates,
            held: QueueStatus(name: "work", durable: true, ready: 0, unacknowledged: 0, consumers: 2), gaps: [], queue: "work", origin: Self.t0
        )
    }

    static func autoAcked(_ n: Int) -> MessageTrace {
        var trace = processed(n)
        trace.outcome = .autoAcked
        return trace
    }

    @Test("pass: every acknowledged task processed, a redelivery from a stopped task counted, each update's time a figure")
    func pass() {
        let unfinished = MessageTrace(id: "rolling-update-ab12cd-7", worker: "worker1", start: Self.t0 + 0.75, end: nil, redelivered: false, outcome: .unfinished)
        let deliveries = (1...20).map { Self.processed($0, by: $0 == 7 ? "worker2" : "worker1", redelivered: $0 == 7) } + [unfinished]
        let outcome = RollingUpdateCheck().judge(seen(deliveries))
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.contains("All 20 tasks"))
        #expect(outcome.reason.contains("worker1 stop-first in 6.0 s"))
        #expect(outcome.figures.first { $0.key == "update.worker1.start-first" }?.value == 4)
        #expect(outcome.figures.first { $0.key == "redelivered" }?.value == 1)
    }

    @Test("fail: tasks the API acknowledged were never processed, named with what the broker saw of them")
    func lost() {
        let deliveries = (1...20).filter { $0 != 12 && $0 != 13 }.map { Self.processed($0) }
        let outcome = RollingUpdateCheck().judge(seen(deliveries))
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("2 of 20 tasks the API acknowledged were never processed"))
        #expect(outcome.reason.contains("rolling-update-ab12cd-12"))
    }

    @Test("fail: auto-acked tasks a stopped worker took with it: the broker forgot them, the workers never showed them done")
    func autoAckLost() {
        let deliveries = (1...20).map(Self.autoAcked)
        let shown = (1...20).filter { $0 != 9 && $0 != 10 }.map { Self.processed($0) }
        let outcome = RollingUpdateCheck().judge(seen(deliveries, workerOutput: shown))
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("2 of 20 tasks the API acknowledged were never processed"))
        #expect(outcome.reason.contains("2 of them delivered to an auto-ack consumer"))
        #expect(outcome.reason.contains("rolling-update-ab12cd-9"))
        #expect(outcome.evidence.contains { $0.title.hasPrefix("Lost tasks") && $0.lines.count == 2 })
        // Each story names the updates under way from its publish on, with their times.
        let story = try? #require(outcome.evidence.first { $0.title.hasPrefix("Lost tasks") }?.lines.first)
        #expect(story?.contains("while \(Fault.rollingUpdate("worker1", order: .startFirst)) (+1.0 s–5.0 s)") == true, "\(story ?? "")")
        #expect(story?.contains("no fault in force") == false)
    }

    @Test("pass: auto-acked tasks all shown done by the workers")
    func autoAckShown() {
        let outcome = RollingUpdateCheck().judge(seen((1...20).map(Self.autoAcked), workerOutput: (1...20).map { Self.processed($0) }))
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.contains("20 delivered to auto-ack consumers, each shown done by a worker"))
    }

    @Test("inconclusive: auto-acked tasks and no worker output to say whether they were done")
    func autoAckUnseen() {
        let outcome = RollingUpdateCheck().judge(seen((1...20).map(Self.autoAcked)))
        #expect(outcome.verdict == .inconclusive)
        #expect(outcome.reason.contains("20 of 20 tasks could not be accounted for"))
    }

    @Test("the update is a fault with its command and its JSON")
    func asFault() throws {
        let fault = Fault.rollingUpdate("worker1", order: .stopFirst)
        #expect(fault.description == "update worker1 task by task, stop-first")
        #expect(fault.commandLine == "docker service update --force --update-order stop-first <stack>_worker1")
        #expect(try JSONDecoder().decode(Fault.self, from: JSONEncoder().encode(fault)) == fault)
    }
}
