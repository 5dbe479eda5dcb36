@testable import ChaosLab
import Foundation
import Testing

/// Prefetch-fairness's verdicts on recorded firehose streams: the long task pf-0 (5000 ms)
/// reaches worker1 at 1.0 s, so worker1 is busy until 5.5 s (the last 500 ms excepted); the
/// six short tasks pf-1…pf-6 are published at 1.2 s.
@Suite("Verdicts: prefetch-fairness")
struct PrefetchFairnessVerdictTests {
    typealias R = RecordedBroker
    typealias S = RecordedStack
    typealias Case = VerdictCase<PrefetchFairnessCheck.Observation, Verdict>

    static let check = PrefetchFairnessCheck()
    static let shorts = (1...6).map { "pf-\($0)" }
    static let gap = ObservationGap(from: R.at(2.0), to: R.at(3.0), reason: "the firehose connection closed: connection reset by peer")
    static let limitedToOne = [S.facts(S.worker1), S.facts(S.worker2)]
    /// The short tasks one after another on worker2, as prefetch 1 hands them out.
    static let toWorker2 = shorts.indices.map { (S.worker2, 1.3 + Double($0) * 0.2) }

    static func stream(_ deliveries: [(ChannelAddress, Double)] = toWorker2) -> RecordedBroker {
        var recorded = R()
        recorded.publish("pf-0", from: S.api, at: 0.9)
        recorded.deliver("pf-0", to: S.worker1, at: 1.0)
        for (index, token) in shorts.enumerated() {
            recorded.publish(token, from: S.api, at: 1.2 + Double(index) * 0.01)
        }
        for (index, (channel, seconds)) in deliveries.enumerated() {
            recorded.deliver(shorts[index], to: channel, at: seconds)
        }
        return recorded
    }

    /// One look at the work queue's consumer channels: each with its unacknowledged count.
    static func sample(at seconds: Double, _ unacked: [(ChannelAddress, Int)], prefetch: Int = 1) -> ChannelSampler.Sample {
        ChannelSampler.Sample(at: R.at(seconds), channels: unacked.map { channel, count in
            ChannelStatus(
                name: channel.description, clientAddress: channel.connection.peerHost, user: "tasks",
                prefetch: prefetch, globalPrefetch: 0, unacknowledged: count, consumers: 1
            )
        })
    }

    static let calm = [1.5, 2.5, 3.5].map { sample(at: $0, [(S.worker1, 1), (S.worker2, 1)]) }

    static func seen(
        _ recorded: RecordedBroker, consumers: [ConsumerFacts] = limitedToOne, drains: [Double] = [8],
        samples: [ChannelSampler.Sample] = calm, gaps: [ObservationGap] = []
    ) -> PrefetchFairnessCheck.Observation {
        let published = recorded.events.filter { $0.kind == .published }
        return PrefetchFairnessCheck.Observation(
            long: "pf-0", busyWorker: "worker1",
            deliveries: recorded.deliveries(consumers: consumers, drains: drains, names: S.names).filter { $0.queue == "work" && ($0.token?.hasPrefix("pf-") ?? false) },
            consumers: S.services(consumers), workers: ["worker1", "worker2"], acknowledged: shorts,
            publishedAt: Dictionary(published.map { ($0.token!, $0.receivedAt) }, uniquingKeysWith: { first, _ in first }),
            samples: samples, sampleFailures: 0, names: S.names, gaps: gaps
        )
    }

    static let cases: [Case] = [
        Case("every short task to idle worker2, both limited to 1, samples at most 1 → pass naming the busy worker and the samples", .pass,
             naming: ["worker1 was sent nothing while busy with the 5000 ms task", "worker2 took all 6 short tasks", "every consumer of the work queue is limited to 1 unacknowledged delivery", "3 channel samples saw at most 1 on one"]) {
            seen(stream())
        },
        Case("no channel samples taken → pass resting on the consumer limits alone", .pass,
             naming: ["worker2 took all 6 short tasks", "limited to 1 unacknowledged delivery."], without: ["channel samples"]) {
            seen(stream(), samples: [])
        },
        Case("a channel-wide limit of 1 (global qos) and none per consumer → pass", .pass, naming: ["limited to 1 unacknowledged delivery"]) {
            seen(stream(), consumers: [S.facts(S.worker1, prefetch: 0, global: 1), S.facts(S.worker2, prefetch: 0, global: 1)])
        },
        Case("pf-6 reaches worker1 in the last 500 ms of its long task → pass counting it as worker1's", .pass,
             naming: ["worker1 was sent nothing while busy", "worker2 took 5 of the 6 short tasks, worker1 the other 1 at the end of its long task"],
             without: ["took all 6"]) {
            seen(stream(Array(toWorker2.prefix(5)) + [(S.worker1, 5.7)]))
        },
        Case("worker1 acks the long task on receipt and is sent pf-2 while busy → fail naming the task, pf-0 and the delay", .fail,
             naming: ["Prefetch=1 is not enforced: the broker sent worker1 1 short task (pf-2) while it was busy with pf-0"]) {
            seen(stream([(S.worker2, 1.3), (S.worker1, 1.5), (S.worker2, 1.7), (S.worker2, 1.9), (S.worker2, 2.1), (S.worker2, 2.3)]))
        },
        Case("no basic.qos: the broker alternates, worker1's channel holds 4 → fail naming the busy deliveries, prefetch_count 0 and the 4", .fail,
             naming: ["the broker sent worker1 3 short tasks (pf-2, pf-4, pf-6) while it was busy with pf-0", "worker1 and worker2's consumers have no prefetch limit (basic.qos prefetch_count 0): set basic.qos prefetch_count=1 before consuming",
                      "the broker counted 4 unacknowledged deliveries at once on worker1's channel"]) {
            let alternating = shorts.indices.map { ($0 % 2 == 0 ? S.worker2 : S.worker1, 1.3 + Double($0) * 0.01) }
            return seen(stream(alternating), consumers: [S.facts(S.worker1, prefetch: 0), S.facts(S.worker2, prefetch: 0)],
                        samples: [sample(at: 2.5, [(S.worker1, 4), (S.worker2, 1)], prefetch: 0)])
        },
        Case("auto-ack consumers without a limit → fail naming auto-ack, the broker never counting unacknowledged", .fail,
             naming: ["worker1 and worker2's consumers have no prefetch limit (basic.qos prefetch_count 0, and consume with auto-ack, so the broker never even counts unacknowledged deliveries)"]) {
            let alternating = shorts.indices.map { ($0 % 2 == 0 ? S.worker2 : S.worker1, 1.3 + Double($0) * 0.01) }
            let autoAck = [S.facts(S.worker1, prefetch: 0, acknowledges: false), S.facts(S.worker2, prefetch: 0, acknowledges: false)]
            return seen(stream(alternating), consumers: autoAck, samples: [sample(at: 2.5, [(S.worker1, 0), (S.worker2, 0)], prefetch: 0)])
        },
        Case("worker2 consumes with prefetch 3 → fail naming prefetch 3, expected 1", .fail,
             naming: ["worker2's consumer may hold 3 unacknowledged deliveries (prefetch 3), expected 1"]) {
            seen(stream(), consumers: [S.facts(S.worker1), S.facts(S.worker2, prefetch: 3)], samples: [])
        },
        Case("a sample catches 2 unacknowledged on worker2's channel → fail naming the count and the channel's owner", .fail,
             naming: ["the broker counted 2 unacknowledged deliveries at once on worker2's channel"]) {
            seen(stream(), samples: calm + [sample(at: 1.6, [(S.worker1, 1), (S.worker2, 2)])])
        },
        Case("pf-6 delivered to worker2 and never settled, the lab watching → fail naming pf-6", .fail,
             naming: ["1 short task was never seen processed (first: pf-6)"]) {
            seen(stream(), drains: [])
        },
        Case("pf-6 unseen while the firehose was down, consumer list unreadable → inconclusive naming the gap", .inconclusive,
             naming: ["The lab was not watching the broker the whole time (", "connection reset by peer", "1 short task was never seen processed (first: pf-6)"]) {
            seen(stream(Array(toWorker2.prefix(5))), consumers: [], gaps: [gap])
        },
        Case("pf-6 unseen while the firehose was down, every consumer limited to 1 → inconclusive, not a prefetch failure", .inconclusive,
             naming: ["The lab was not watching the broker the whole time (", "1 short task was never seen processed (first: pf-6)"]) {
            seen(stream(Array(toWorker2.prefix(5))), gaps: [gap])
        },
        Case("every task processed but the broker listed no consumers → inconclusive: limits unread", .inconclusive,
             naming: ["The broker listed no consumers of the work queue, so their limits could not be read."]) {
            seen(stream(), consumers: [])
        },
    ]

    @Test("verdict table", arguments: cases)
    func verdict(_ row: Case) {
        let outcome = Self.check.judge(row.seen())
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }

    @Test("one worker or no long work → not applicable; the long task refused → inconclusive pointing at api-contract")
    func beforeJudging() {
        #expect(Self.check.notApplicable(to: S.roles(workers: 1))?.reason == "The stack has 1 worker; fairness needs a busy worker and an idle one.")
        #expect(Self.check.notApplicable(to: S.roles(workTime: false))?.reason == "The API cannot ask for a long task, so a worker cannot be kept busy on purpose.")
        #expect(Self.check.notApplicable(to: S.roles(workers: 1))?.verdict == .notApplicable)
        #expect(Self.check.notApplicable(to: S.roles()) == nil)
        let refused = PrefetchFairnessCheck.unpublished(S.attempt("pf-0", status: 503))
        #expect(refused.verdict == .inconclusive)
        #expect(refused.reason == "The API did not acknowledge the long task (503 broker unavailable), so no worker could be kept busy; api-contract judges the API.")
    }
}
