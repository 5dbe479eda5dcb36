@testable import ChaosLab
import Foundation
import Testing

/// Round-robin's verdicts on recorded firehose streams: ten quick messages, two workers,
/// 5 ± 1 each.
@Suite("Verdicts: round-robin")
struct RoundRobinVerdictTests {
    typealias R = RecordedBroker
    typealias S = RecordedStack
    typealias Case = VerdictCase<RoundRobinCheck.Observation, Verdict>

    static let check = RoundRobinCheck(messagesPerWorker: 5, tolerance: 1)
    static let tokens = (1...10).map { "rr-\($0)" }
    static let gap = ObservationGap(from: R.at(1.2), to: R.at(3.5), reason: "the firehose connection closed: connection reset by peer")

    /// The API publishes every message at once; the broker hands them out in `order`, 0.1 s
    /// apart; messages past the end of `order` are published and never delivered.
    static func stream(_ order: [ChannelAddress]) -> RecordedBroker {
        var recorded = R()
        for (index, token) in tokens.enumerated() {
            recorded.publish(token, from: S.api, at: 1 + Double(index) * 0.01)
        }
        for (index, channel) in order.enumerated() {
            recorded.deliver(tokens[index], to: channel, at: 1.2 + Double(index) * 0.1)
        }
        return recorded
    }

    static func seen(
        _ recorded: RecordedBroker, consumers: [ConsumerFacts] = [S.facts(S.worker1), S.facts(S.worker2)], drains: [Double] = [],
        refused: Set<String> = [], consumerCount: Int = 2, held: QueueStatus? = nil, gaps: [ObservationGap] = []
    ) -> RoundRobinCheck.Observation {
        RoundRobinCheck.Observation(
            workers: ["worker1", "worker2"], workQueue: "work",
            attempts: tokens.map { S.attempt($0, at: 1, status: refused.contains($0) ? 503 : 200) },
            deliveries: recorded.traces(consumers: consumers, drains: drains, names: S.names),
            consumers: consumerCount, held: held, publishTime: .milliseconds(120), drainTime: .seconds(2), gaps: gaps
        )
    }

    static let alternating = Array(repeating: [S.worker1, S.worker2], count: 5).flatMap { $0 }

    static let cases: [Case] = [
        Case("alternating deliveries, each settled by the next and the last by a drain → pass naming the 5/5 split", .pass,
             naming: ["10 messages split worker1 5, worker2 5", "expected 5 ± 1 each"]) {
            seen(stream(alternating), drains: [3])
        },
        Case("worker1 takes two in a row, 6/4 within the tolerance → pass", .pass, naming: ["split worker1 6, worker2 4"]) {
            seen(stream([S.worker1, S.worker1, S.worker2, S.worker1, S.worker2, S.worker1, S.worker2, S.worker1, S.worker1, S.worker2]), drains: [3])
        },
        Case("auto-ack workers (ConsumerFacts ack_required false) count each delivery when it is sent → pass", .pass, naming: ["split worker1 5, worker2 5"]) {
            seen(stream(alternating), consumers: [S.facts(S.worker1, prefetch: 0, acknowledges: false), S.facts(S.worker2, prefetch: 0, acknowledges: false)])
        },
        Case("worker2 never consumes, worker1 takes all ten → fail naming both counts and the 1 consumer the broker saw", .fail,
             naming: ["Delivery is not round-robin", "worker1 processed 10 of 10 and worker2 processed 0 of 10", "expected 5 ± 1 each", "the broker saw 1 consumer on work, expected 2"]) {
            seen(stream(Array(repeating: S.worker1, count: 10)), consumers: [S.facts(S.worker1)], drains: [3], consumerCount: 1)
        },
        Case("a third consumer outside the roles takes a share → fail naming worker2's 3 and the 3 consumers", .fail,
             naming: ["Delivery is not round-robin: worker2 processed 3 of 10", "the broker saw 3 consumers on work, expected 2"]) {
            let order = [S.worker1, S.worker2, S.stray, S.worker1, S.worker2, S.stray, S.worker1, S.worker2, S.stray, S.worker1]
            return seen(stream(order), consumers: [S.facts(S.worker1), S.facts(S.worker2), S.facts(S.stray)], drains: [3], consumerCount: 3)
        },
        Case("both workers hang on their last message, the queue never drains → fail naming rr-9, worker1 and 2 unacknowledged", .fail,
             naming: ["2 of 10 messages were never processed within 30 s", "rr-9 was delivered to worker1 and never processed", "split so far: worker1 4, worker2 4", "work still holds 0 ready and 2 unacknowledged"]) {
            seen(stream(alternating), held: S.queue(unacknowledged: 2))
        },
        Case("rr-10 published and never delivered, the lab watching throughout → fail naming rr-10 and the ready message", .fail,
             naming: ["1 of 10 messages were never processed within 30 s", "rr-10 was acknowledged by the broker and never delivered", "work still holds 1 ready and 0 unacknowledged"]) {
            seen(stream(Array(alternating.prefix(9))), drains: [3], held: S.queue(ready: 1))
        },
        Case("rr-10 not seen while the firehose was down → inconclusive naming the gap and the split so far", .inconclusive,
             naming: ["1 of 10 messages were not seen processed", "not watching the broker the whole time", "connection reset by peer", "split so far: worker1 5, worker2 4"]) {
            seen(stream(Array(alternating.prefix(9))), drains: [3], gaps: [gap])
        },
        Case("the API answers 503 to rr-9 and rr-10 → inconclusive, api-contract judges the refusals", .inconclusive,
             naming: ["The API acknowledged only 8 of 10 messages", "(worker1 4, worker2 4)", "api-contract judges the refusals"]) {
            seen(stream(Array(alternating.prefix(8))), drains: [3], refused: ["rr-9", "rr-10"])
        },
    ]

    @Test("verdict table", arguments: cases)
    func verdict(_ row: Case) {
        let outcome = Self.check.judge(row.seen())
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }

    @Test("one worker → not applicable naming the count; two → judged")
    func applicability() throws {
        let outcome = try #require(Self.check.notApplicable(to: S.roles(workers: 1)))
        #expect(outcome.verdict == .notApplicable)
        #expect(outcome.reason == "The stack has 1 worker; round-robin needs at least two.")
        #expect(Self.check.notApplicable(to: S.roles(workers: 2)) == nil)
    }
}
