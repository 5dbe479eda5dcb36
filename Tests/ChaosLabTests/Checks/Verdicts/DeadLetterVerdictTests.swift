@testable import ChaosLab
import Foundation
import Testing

/// Dead-letter's poison verdicts on recorded firehose streams: the API publishes the poison
/// dl-0 and its followers dl-1…dl-3; the workers take them from `work`; the lab reads the
/// dead-letter queue with basic.get, which the firehose shows with the message's x-death.
@Suite("Verdicts: dead-letter poison")
struct DeadLetterVerdictTests {
    typealias R = RecordedBroker
    typealias S = RecordedStack
    typealias Case = VerdictCase<DeadLetterCheck.PoisonObservation, Verdict>

    static let check = DeadLetterCheck()
    static let followers = ["dl-1", "dl-2", "dl-3"]
    static let rejectedOnce = [DeadLetter(queue: "work", reason: "rejected", count: 1, exchange: "")]
    static let workQueue = QueueStatus(name: "work", durable: true, ready: 0, unacknowledged: 0, consumers: 2, arguments: ["x-dead-letter-exchange": "dlx"])
    static let toDLQ = Binding(source: "dlx", destination: "work.dlq", destinationType: .queue, routingKey: "work")
    static let topology = DeadLetterTopology.resolve(workQueue: workQueue, declared: nil, bindings: [toDLQ], queues: ["work", "work.dlq"])

    /// The four published; the poison delivered as `poison` says, the followers alternating
    /// from 1.05 s on `followersTo`.
    static func stream(poison: [(ChannelAddress, Double, Bool)] = [(S.worker1, 1.0, false)], followersTo: [ChannelAddress] = [S.worker2, S.worker1, S.worker2]) -> RecordedBroker {
        var recorded = R()
        for (index, token) in (["dl-0"] + followers).enumerated() {
            recorded.publish(token, from: S.api, at: 0.9 + Double(index) * 0.01)
        }
        for (channel, seconds, redelivered) in poison {
            recorded.deliver("dl-0", to: channel, at: seconds, redelivered: redelivered)
        }
        for (index, channel) in followersTo.enumerated() {
            recorded.deliver(followers[index], to: channel, at: 1.05 + Double(index) * 0.05)
        }
        return recorded
    }

    /// The lab's basic.get of the poison from work.dlq at 1.4 s, with `deaths` as its x-death.
    static func readFromDLQ(_ recorded: RecordedBroker, deaths: [DeadLetter] = rejectedOnce) -> RecordedBroker {
        var recorded = recorded
        recorded.deliver("dl-0", to: S.lab, at: 1.4, queue: "work.dlq", deaths: deaths)
        return recorded
    }

    static func seen(_ recorded: RecordedBroker, topology: DeadLetterTopology = topology, drains: [Double] = [2]) -> DeadLetterCheck.PoisonObservation {
        let read = recorded.events.last { $0.queue == "work.dlq" && $0.token == "dl-0" }
        return DeadLetterCheck.PoisonObservation(
            poison: "dl-0", followers: followers,
            deliveries: recorded.traces(consumers: [S.facts(S.worker1), S.facts(S.worker2)], drains: drains, names: S.names),
            found: read.map { DeadLetteredMessage(body: $0.body, deaths: $0.deaths, foundAt: $0.receivedAt) },
            foundAfter: read.map { .milliseconds(Int(($0.receivedAt.timeIntervalSince(R.at(0.9)) * 1000).rounded())) },
            window: .seconds(3), topology: topology, deadLetterQueue: topology.deadLetterQueue ?? "work.dlq",
            attempts: (["dl-0"] + followers).map { S.attempt($0, at: 0.9) }
        )
    }

    /// `work` with `arguments`, the roles naming work.dlq, the dead-letter exchange bound as `bindings`.
    static func declared(_ arguments: [String: String], bindings: [Binding] = []) -> DeadLetterTopology {
        var queue = workQueue
        queue.arguments = arguments
        return DeadLetterTopology.resolve(workQueue: queue, declared: "work.dlq", bindings: bindings, queues: ["work", "work.dlq", "other.dlq"])
    }

    static let cases: [Case] = [
        Case("rejected once by worker1, read from work.dlq with x-death (work, rejected, 1), followers acked → pass naming all three", .pass,
             naming: ["The poison message was rejected once by worker1 and reached work.dlq with x-death (queue work, reason rejected, count 1) after 0.50 s", "the 3 messages after it were processed"]) {
            seen(readFromDLQ(stream()))
        },
        Case("requeued on every rejection, three deliveries flagged redelivered → fail: redelivery loop naming the count and workers", .fail,
             naming: ["Redelivery loop: the poison message dl-0 was delivered 3 times in 3.0 s (to worker1 and worker2), requeued on every rejection, and never reached work.dlq."]) {
            seen(stream(poison: [(S.worker1, 1.0, false), (S.worker1, 1.01, true), (S.worker2, 1.02, true)]))
        },
        Case("requeued twice by worker1, then rejected by worker2 into work.dlq → pass naming the requeues and worker2, no loop", .pass,
             naming: ["The poison message was rejected after 2 requeues by worker2 and reached work.dlq"], without: ["Redelivery loop"]) {
            seen(readFromDLQ(stream(poison: [(S.worker1, 1.0, false), (S.worker1, 1.01, true), (S.worker2, 1.02, true)])))
        },
        Case("the poison unseen while the firehose was down → inconclusive naming the gap, not a fail", .inconclusive,
             naming: ["showed no delivery of the poison message dl-0", "the lab was not watching the whole time"]) {
            var observation = seen(stream(poison: []))
            observation.gaps = [ObservationGap(from: R.at(0.5), to: R.at(2), reason: "the firehose connection was lost")]
            return observation
        },
        Case("the poison never delivered while its followers flow → fail naming dl-0", .fail,
             naming: ["The poison message dl-0 was acknowledged by the API but the broker never delivered it to a worker."]) {
            seen(stream(poison: []))
        },
        Case("worker1 holds the poison, neither ack nor reject, the queue never drains → fail naming worker1 and work.dlq", .fail,
             naming: ["The poison message dl-0 was delivered to worker1, which neither acknowledged nor rejected it within 10 s: it never reached work.dlq."]) {
            seen(stream(followersTo: [S.worker2, S.worker2, S.worker2]), drains: [])
        },
        Case("no x-dead-letter-exchange: rejected and dropped, worker1's next delivery settles it → fail: silent loss", .fail,
             naming: ["Silent loss: the poison message dl-0 was delivered once to worker1, settled without being requeued, and is gone, because work has no x-dead-letter-exchange (neither argument nor policy)", "Nothing reached work.dlq."]) {
            seen(stream(), topology: declared([:]))
        },
        Case("the dead-letter exchange routes to other.dlq, not work.dlq → fail naming the exchange, key and queue", .fail,
             naming: ["The poison message dl-0 was settled by worker1 and never reached work.dlq: work dead-letters to exchange dlx with routing key work, which routes it to other.dlq."]) {
            seen(stream(), topology: declared(["x-dead-letter-exchange": "dlx"], bindings: [Binding(source: "dlx", destination: "other.dlq", destinationType: .queue, routingKey: "work")]))
        },
        Case("the dead-letter exchange has no binding → fail naming no queue at all (silent loss)", .fail,
             naming: ["work dead-letters to exchange dlx with routing key work, which routes it to no queue at all (silent loss)."]) {
            seen(stream(), topology: declared(["x-dead-letter-exchange": "dlx"]))
        },
        Case("worker1 acks the poison, the exchange routes to work.dlq → fail: acknowledged as if processed", .fail,
             naming: ["The poison message dl-0 was settled by worker1 without being rejected: it never reached work.dlq, although work's dead-letter exchange routes there, so the worker acknowledged it as if it were processed."]) {
            seen(stream())
        },
        Case("worker1 republishes the poison to work.dlq itself, no x-death → fail naming the missing header", .fail,
             naming: ["The poison message dl-0 reached work.dlq but it has no x-death header."]) {
            var recorded = stream()
            recorded.publish("dl-0", from: S.worker1, at: 1.02, queue: "work.dlq")
            return seen(readFromDLQ(recorded, deaths: []))
        },
        Case("a retry loop through the dead-letter exchange, dead-lettered three times → fail naming count 3, expected 1", .fail,
             naming: ["The poison message dl-0 reached work.dlq but its x-death says count 3, expected 1."]) {
            let retried = stream(poison: [(S.worker1, 1.0, false), (S.worker2, 1.2, false), (S.worker1, 1.3, false)])
            return seen(readFromDLQ(retried, deaths: [DeadLetter(queue: "work", reason: "rejected", count: 3)]))
        },
        Case("dead-lettered correctly, then no follower is ever delivered → fail: the work queue stopped flowing, naming dl-1", .fail,
             naming: ["The poison message was dead-lettered, but 3 of the 3 messages after it were not processed within 10 s (dl-1 first): the work queue stopped flowing."]) {
            seen(readFromDLQ(stream(followersTo: [])))
        },
    ]

    @Test("verdict table", arguments: cases)
    func verdict(_ row: Case) {
        let outcome = CheckOutcome(parts: [Self.check.judgePoison(row.seen())])
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }
}
