@testable import ChaosLab
import Foundation
import Testing

/// The checker's verdicts and the sentences a person reads, on hand-built histories.
@Suite("History checker")
struct HistoryCheckerTests {
    /// Foundation has an `HistoryOperation` too; these tests mean the history's.

    typealias F = HistoryFixtures

    @Test("a clean run: everything processed once, counted per worker, with latency")
    func clean() {
        let analysis = HistoryChecker().check(F.cleanRun)
        #expect(analysis.isClean)
        #expect(analysis.acknowledged == 10)
        #expect(analysis.processed == 10)
        #expect(analysis.lost.isEmpty && analysis.unexpected.isEmpty && analysis.duplicated.isEmpty && analysis.redelivered.isEmpty)
        #expect(analysis.processedByWorker == ["worker1": 5, "worker2": 5])
        #expect(analysis.latency == LatencyStatistics(count: 10, minimum: .milliseconds(310), median: .milliseconds(310), maximum: .milliseconds(310)))
        #expect(
            analysis.summary
                == "All 10 acknowledged messages were processed. worker1 processed 5 messages and worker2 processed 5 messages. "
                + "Acknowledged messages were processed 0.31 s after their publish was sent."
        )
        #expect(analysis.figure("messages.lost") == 0)
        #expect(analysis.figure("processed.worker2") == 5)
    }

    struct LostCase: Sendable, CustomTestStringConvertible {
        var name: String
        var operations: [HistoryOperation]
        var policy = HistoryPolicy()
        var explanation: String
        var testDescription: String { name }
    }

    static let lostCases: [LostCase] = [
        LostCase(name: "never delivered", operations: F.acknowledged("m-3", 1), explanation: "m-3 was acknowledged by the broker and never delivered"),
        LostCase(
            name: "delivered, worker killed",
            operations: F.acknowledged("m-17", 1) + [F.delivered("m-17", "worker2", 1.2)],
            explanation: "m-17 was delivered to worker2 and never processed"
        ),
        LostCase(
            name: "redelivered and lost again",
            operations: F.acknowledged("m-1", 1) + [F.delivered("m-1", "worker1", 1.1), F.delivered("m-1", "worker2", 9, redelivered: true)],
            explanation: "m-1 was redelivered to worker2 and never processed"
        ),
        LostCase(
            name: "dead-lettered where the policy does not allow it",
            operations: F.acknowledged("m-4", 1) + [F.delivered("m-4", "worker1", 1.1), F.rejected("m-4", "worker1", 1.2)],
            explanation: "m-4 was dead-lettered by worker1 and never processed"
        ),
        LostCase(
            name: "poison requeued in a loop",
            operations: F.acknowledged("m-5", 1)
                + (0..<3).flatMap { [F.delivered("m-5", "worker1", 1.1 + Double($0), redelivered: $0 > 0), F.requeued("m-5", "worker1", 1.2 + Double($0))] },
            policy: HistoryPolicy(expectedDeadLettered: ["m-5"]),
            explanation: "m-5 was requeued 3 times, last by worker1, and never dead-lettered"
        ),
        LostCase(
            name: "requeued once, then delivered elsewhere",
            operations: F.acknowledged("m-6", 1)
                + [F.delivered("m-6", "worker1", 1.1), F.requeued("m-6", "worker1", 1.2), F.delivered("m-6", "worker2", 1.3, redelivered: true)],
            explanation: "m-6 was redelivered to worker2 and never processed; it had been requeued once"
        ),
    ]

    @Test("a lost message is explained by the last thing seen", arguments: lostCases)
    func lost(_ lostCase: LostCase) throws {
        let analysis = HistoryChecker(policy: lostCase.policy).check(History(lostCase.operations))
        #expect(!analysis.isClean)
        let finding = try #require(analysis.lost.first)
        #expect(analysis.lost.count == 1)
        #expect(finding.explanation == lostCase.explanation)
        #expect(analysis.errors == [lostCase.explanation])
    }

    @Test("one lost message among others: the summary names it")
    func lostSummary() {
        var history = F.cleanRun
        for operation in F.acknowledged("m-17", 20) + [F.delivered("m-17", "worker2", 20.5)] {
            history.record(operation)
        }
        let analysis = HistoryChecker().check(history)
        #expect(analysis.lost.map(\.id) == ["m-17"])
        #expect(analysis.lost.first?.lastSeen == F.delivered("m-17", "worker2", 20.5))
        #expect(analysis.summary.hasPrefix("1 of 11 acknowledged messages was lost: m-17 was delivered to worker2 and never processed. worker1 processed 5 messages"))
    }

    @Test("duplicates are reported, and are errors only when the policy forbids them", arguments: [true, false])
    func duplicated(allowDuplicates: Bool) {
        var history = F.cleanRun
        history.record(F.delivered("m-4", "worker2", 30, redelivered: true))
        history.record(F.processed("m-4", "worker2", 30.2))
        let analysis = HistoryChecker(policy: HistoryPolicy(allowDuplicates: allowDuplicates)).check(history)
        #expect(analysis.duplicated == [DuplicatedMessage(id: "m-4", count: 2, workers: ["worker1", "worker2"])])
        #expect(analysis.isClean == allowDuplicates)
        #expect(analysis.processedByWorker == ["worker1": 5, "worker2": 6])
        #expect(analysis.lost.isEmpty)
        let verdict = allowDuplicates ? "at-least-once delivery allows this" : "the policy forbids this"
        #expect(analysis.summary.contains("1 message was processed more than once: m-4 was processed 2 times (worker1, worker2); \(verdict)."))
    }

    @Test(
        "messages the lab never published, or whose publish failed, are errors",
        arguments: [
            ([HistoryOperation](), "x-1 was processed by worker1 although the lab never published it"),
            (
                [HistoryOperation(.publishAttempted, messageID: "x-1", time: F.at(0.5), source: .lab), HistoryOperation(.publishFailed, messageID: "x-1", time: F.at(0.6), source: .lab, detail: "HTTP 503")],
                "x-1 was processed by worker1 although its publish failed (HTTP 503)"
            ),
        ]
    )
    func unexpected(publish: [HistoryOperation], explanation: String) {
        var history = F.cleanRun
        for operation in publish + [F.delivered("x-1", "worker1", 1.5), F.processed("x-1", "worker1", 1.6)] {
            history.record(operation)
        }
        let analysis = HistoryChecker().check(history)
        #expect(!analysis.isClean)
        #expect(analysis.unexpected.map(\.explanation) == [explanation])
        #expect(analysis.acknowledged == 10 && analysis.lost.isEmpty)
        #expect(analysis.summary.contains("1 unexpected message appeared: \(explanation)."))
    }

    @Test("a failed publish that shows up anyway is recovered when the policy allows it")
    func failedPublishMayAppear() {
        var history = F.cleanRun
        history.recordPublishFailed("x-1", reason: "publisher confirm timed out", at: F.at(40))
        history.record(F.processed("x-1", "worker1", 41))
        let analysis = HistoryChecker(policy: HistoryPolicy(failedPublishesMayAppear: true)).check(history)
        #expect(analysis.isClean)
        #expect(analysis.recovered == ["x-1"])
        #expect(analysis.indeterminate.isEmpty)
    }

    @Test("a redelivery names both workers and the time between the deliveries")
    func redelivered() throws {
        var history = F.cleanRun
        let operations = F.acknowledged("m-30", 30)
            + [F.delivered("m-30", "worker1", 30.1), F.delivered("m-30", "worker2", 38.314, redelivered: true), F.processed("m-30", "worker2", 38.5)]
        for operation in operations {
            history.record(operation)
        }
        let analysis = HistoryChecker().check(history)
        #expect(analysis.isClean)
        let redelivery = try #require(analysis.redelivered.first)
        #expect(redelivery.firstDelivery == RedeliveredMessage.Delivery(worker: "worker1", time: F.at(30.1)))
        #expect(redelivery.redeliveredTo == "worker2")
        #expect(redelivery.delay == .milliseconds(8214))
        #expect(redelivery.description == "m-30 was delivered to worker1 and redelivered to worker2 8.214 s later")
        #expect(analysis.summary.contains("1 message was redelivered: m-30 was delivered to worker1 and redelivered to worker2 8.214 s later."))
        #expect(analysis.latency?.maximum == .milliseconds(8510))
        #expect(analysis.summary.hasSuffix("Acknowledged messages were processed 0.31 s to 8.51 s after their publish was sent (median 0.31 s)."))
    }

    @Test("a redelivery whose first delivery nobody saw still counts, without a delay")
    func redeliveredFirstUnseen() {
        let history = History(F.acknowledged("m-1", 0) + [F.delivered("m-1", "worker2", 6, redelivered: true), F.processed("m-1", "worker2", 7)])
        let redelivery = HistoryChecker().check(history).redelivered.first
        #expect(redelivery?.firstDelivery == nil)
        #expect(redelivery?.delay == nil)
        #expect(redelivery?.description == "m-1 was redelivered to worker2; its first delivery was not seen")
    }

    @Test("failed and unanswered publishes are indeterminate, not lost; one that shows up is recovered")
    func indeterminate() {
        var history = F.cleanRun
        history.recordPublishAttempted("m-20", at: F.at(20))
        history.recordPublishFailed("m-20", reason: "HTTP 503", at: F.at(20.1))
        history.recordPublishAttempted("m-21", at: F.at(21))
        history.record(F.processed("m-21", "worker1", 21.5))
        let analysis = HistoryChecker().check(history)
        #expect(analysis.isClean)
        #expect(analysis.acknowledged == 10)
        #expect(analysis.lost.isEmpty && analysis.unexpected.isEmpty)
        #expect(analysis.indeterminate == ["m-20"])
        #expect(analysis.recovered == ["m-21"])
        #expect(analysis.summary.contains("1 message is indeterminate because the publish got no definite answer (no answer, or a server error) and never showed up: m-20."))
        #expect(analysis.summary.contains("1 message without a definite answer was processed anyway (the broker had kept it): m-21."))
    }

    @Test(
        "dead-lettering under each policy",
        arguments: [
            (HistoryPolicy(), false, "lost"),
            (HistoryPolicy(deadLetteredCountsAsHandled: true), true, "handled"),
            (HistoryPolicy(expectedDeadLettered: ["p-1"]), true, "handled"),
        ]
    )
    func deadLettered(policy: HistoryPolicy, clean: Bool, outcome: String) {
        let history = History(F.acknowledged("p-1", 0) + [F.delivered("p-1", "worker1", 0.1), F.rejected("p-1", "worker1", 0.2)])
        let analysis = HistoryChecker(policy: policy).check(history)
        #expect(analysis.isClean == clean)
        #expect(analysis.deadLettered == (clean ? 1 : 0))
        #expect(analysis.lost.count == (clean ? 0 : 1), "expected p-1 \(outcome)")
    }

    @Test("a message expected to be dead-lettered but processed is mishandled")
    func mishandled() {
        let history = History(F.handled("p-1", by: "worker1", 0))
        let analysis = HistoryChecker(policy: HistoryPolicy(expectedDeadLettered: ["p-1"])).check(history)
        #expect(!analysis.isClean)
        #expect(analysis.mishandled.map(\.explanation) == ["p-1 was expected to be dead-lettered but was processed by worker1"])
        #expect(analysis.summary.hasPrefix("0 of 1 acknowledged message were handled as expected. 1 message was mishandled: p-1 was expected"))
    }

    @Test("an empty history is clean and says so")
    func empty() {
        let analysis = HistoryChecker().check(History())
        #expect(analysis.isClean)
        #expect(analysis.latency == nil)
        #expect(analysis.summary == "No publish was acknowledged, so no message had to be handled.")
    }

    @Test("long lists are cut in the summary")
    func longLists() {
        let history = History((0..<8).flatMap { F.acknowledged("m-\($0)", Double($0)) })
        let analysis = HistoryChecker().check(history)
        #expect(analysis.lost.count == 8)
        #expect(analysis.summary.hasSuffix("m-4 was acknowledged by the broker and never delivered; and 3 more."))
    }

    @Test("latency runs from sending the publish, so an answer that comes after the processing gives no negative figure")
    func latencyFromSend() {
        let history = History([
            HistoryOperation(.publishAttempted, messageID: "m-1", time: F.at(0), source: .lab),
            F.delivered("m-1", "worker1", 0.1),
            F.processed("m-1", "worker1", 0.2),
            HistoryOperation(.publishAcknowledged, messageID: "m-1", time: F.at(0.211), source: .lab),
        ])
        let analysis = HistoryChecker().check(history)
        #expect(analysis.latency == LatencyStatistics(count: 1, minimum: .milliseconds(200), median: .milliseconds(200), maximum: .milliseconds(200)))
        #expect(analysis.figures.first { $0.key == "latency.median" }?.label == "publish to processing, median")
        #expect(analysis.summary.hasSuffix("Acknowledged messages were processed 0.2 s after their publish was sent."))
    }

    @Test("a message acknowledged without a recorded send has no latency")
    func latencyWithoutSend() {
        let history = History([
            HistoryOperation(.publishAcknowledged, messageID: "m-1", time: F.at(0), source: .lab),
            F.processed("m-1", "worker1", 0.3),
        ])
        let analysis = HistoryChecker().check(history)
        #expect(analysis.processed == 1)
        #expect(analysis.latency == nil)
    }

    @Test("latency median over an even count is the mean of the middle two")
    func latency() {
        let statistics = LatencyStatistics([.milliseconds(400), .milliseconds(100), .milliseconds(200), .milliseconds(900)])
        #expect(statistics == LatencyStatistics(count: 4, minimum: .milliseconds(100), median: .milliseconds(300), maximum: .milliseconds(900)))
        #expect(LatencyStatistics([]) == nil)
    }
}

extension HistoryAnalysis {
    /// A figure's value by key, for short expectations.
    func figure(_ key: String) -> Double? {
        figures.first { $0.key == key }?.value
    }
}
