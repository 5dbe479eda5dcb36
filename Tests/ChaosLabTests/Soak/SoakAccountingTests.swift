@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak accounting: every acknowledged message accounted for")
struct SoakAccountingTests {
    static let origin = Date(timeIntervalSince1970: 1_800_000_000)

    static func at(_ seconds: Double) -> Date { origin.addingTimeInterval(seconds) }

    static func attempt(_ token: String, at seconds: Double, status: Int? = 200) -> PublishAttempt {
        PublishAttempt(token: token, at: at(seconds), status: status, detail: "", took: .milliseconds(20))
    }

    static func delivery(_ token: String, _ worker: String, at seconds: Double, _ outcome: DeliveryOutcome = .acked, redelivered: Bool = false) -> MessageTrace {
        MessageTrace(id: token, worker: worker, start: at(seconds), end: outcome == .unfinished ? nil : at(seconds + 0.05), redelivered: redelivered, outcome: outcome)
    }

    static let killWorker1 = FaultWindow(fault: SoakFault(.kill, "worker1", at: 4, duration: 5), began: 4, healed: 9.2)
    static let brokerKill = FaultWindow(fault: SoakFault(.brokerKill, "rabbitmq", at: 20, duration: 8), began: 20, healed: 28.5)
    static let brokerGap = ObservationGap(from: at(20), to: at(30), reason: "the firehose connection was lost")

    func account(
        _ attempts: [PublishAttempt], _ deliveries: [MessageTrace], workerOutput: [MessageTrace]? = nil,
        gaps: [ObservationGap] = [], leftInQueue: Set<String> = []
    ) -> SoakAccounting.Result {
        SoakAccounting(
            attempts: attempts, deliveries: deliveries, workerOutput: workerOutput, gaps: gaps,
            windows: [Self.killWorker1, Self.brokerKill], origin: Self.origin, leftInQueue: leftInQueue
        ).account()
    }

    @Test("all processed, one twice after a kill: clean, the duplicate reported")
    func clean() {
        let result = account(
            [Self.attempt("s-1", at: 1), Self.attempt("s-2", at: 2)],
            [Self.delivery("s-1", "worker1", at: 1.1), Self.delivery("s-2", "worker1", at: 4.0), Self.delivery("s-2", "worker2", at: 4.2, redelivered: true)]
        )
        #expect(result.lost.isEmpty && result.unobserved.isEmpty)
        #expect(result.analysis.isClean)
        #expect(result.analysis.processed == 2)
    }

    @Test("an auto-acked message that died with its worker is lost, with its story")
    func lostWithStory() throws {
        let result = account(
            [Self.attempt("s-5", at: 3.9)],
            [Self.delivery("s-5", "worker1", at: 3.95, .unfinished)]
        )
        let story = try #require(result.lost.first)
        #expect(story.token == "s-5")
        #expect(story.description == "s-5 published at +3.9 s, acknowledged at +3.9 s, delivered to worker1 at +4.0 s → unfinished; while F1 SIGKILL worker1 from +4.0 s to +9.0 s; F2 SIGKILL the broker (rabbitmq) from +20.0 s to +28.0 s")
        #expect(result.analysis.lost.map(\.id) == ["s-5"])
    }

    @Test("delivered to an auto-ack worker that was killed: lost when the workers' output does not show it, unobserved without output")
    func autoAck() {
        let attempts = [Self.attempt("s-5", at: 3.9), Self.attempt("s-6", at: 5)]
        let deliveries = [Self.delivery("s-5", "worker1", at: 3.95, .autoAcked), Self.delivery("s-6", "worker2", at: 5.1, .autoAcked)]
        let output = [Self.delivery("s-6", "worker2", at: 5.1)]
        let judged = account(attempts, deliveries, workerOutput: output)
        #expect(judged.lost.map(\.token) == ["s-5"])
        #expect(judged.lost.first?.deliveries == ["delivered to worker1 at +4.0 s → auto-acked"])
        #expect(judged.processedByWorkerOutput == ["s-6"])
        let blind = account(attempts, deliveries)
        #expect(blind.lost.isEmpty)
        #expect(blind.unobserved == ["s-5", "s-6"])
    }

    @Test("unseen while the firehose was down: processed if the workers' output shows it, lost if it does not")
    func corroboration() {
        let attempts = [Self.attempt("s-7", at: 19), Self.attempt("s-8", at: 19.5)]
        let output = [Self.delivery("s-7", "worker2", at: 25)]
        let result = account(attempts, [], workerOutput: output, gaps: [Self.brokerGap])
        #expect(result.processedByWorkerOutput == ["s-7"])
        #expect(result.lost.map(\.token) == ["s-8"])
        #expect(result.unobserved.isEmpty)
    }

    @Test("unseen while the firehose was down and no worker output to ask: unobserved, never lost")
    func unobserved() {
        let result = account([Self.attempt("s-7", at: 19)], [], gaps: [Self.brokerGap])
        #expect(result.unobserved == ["s-7"])
        #expect(result.lost.isEmpty)
        #expect(result.analysis.lost.isEmpty)
    }

    @Test("published after the last gap and never delivered: lost even without worker output")
    func lostAfterGap() {
        let result = account([Self.attempt("s-9", at: 31)], [], gaps: [Self.brokerGap])
        #expect(result.lost.map(\.token) == ["s-9"])
    }

    @Test("still in the queue after the drain: left waiting, not lost")
    func leftWaiting() {
        let result = account([Self.attempt("s-3", at: 2)], [], leftInQueue: ["s-3"])
        #expect(result.leftInQueue == ["s-3"])
        #expect(result.lost.isEmpty)
    }

    @Test("a 503 that shows up is recovered; a 400 that shows up is unexpected")
    func indeterminate() {
        let result = account(
            [Self.attempt("s-1", at: 1, status: 503), Self.attempt("s-2", at: 2, status: 400)],
            [Self.delivery("s-1", "worker1", at: 1.1), Self.delivery("s-2", "worker2", at: 2.1)]
        )
        #expect(result.analysis.recovered == ["s-1"])
        #expect(result.analysis.unexpected.map(\.id) == ["s-2"])
    }
}
