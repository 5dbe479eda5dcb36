@testable import ChaosLab
import Foundation
import Testing

@Suite("Delivery ledger: settlement inferred from the broker's events")
struct DeliveryLedgerTests {
    typealias R = RecordedBroker
    let worker1 = R.channel("172.20.0.5")
    let worker2 = R.channel("172.20.0.6")
    let names = ["172.20.0.5": "worker1", "172.20.0.6": "worker2"]

    func facts(_ channel: ChannelAddress, prefetch: Int = 1, global: Int = 0, acknowledges: Bool = true) -> ConsumerFacts {
        ConsumerFacts(channel: channel, queue: "work", prefetch: prefetch, globalPrefetch: global, acknowledges: acknowledges)
    }

    func ledger(_ recorded: RecordedBroker, _ consumers: [ConsumerFacts], drains: [Double] = []) -> [BrokerDelivery] {
        DeliveryLedger(
            events: recorded.events,
            consumers: Dictionary(uniqueKeysWithValues: consumers.map { ($0.channel, $0) }),
            drains: drains.map { DrainMark(queue: "work", at: R.at($0)) },
            names: names
        ).deliveries
    }

    func summary(_ deliveries: [BrokerDelivery]) -> [String] {
        deliveries.map { "\($0.token ?? "-") \($0.consumer) \($0.outcome.rawValue)" }
    }

    @Test("on a prefetch-1 channel the next delivery settles the previous one; the last waits for a drain")
    func nextDeliverySettles() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-2", to: worker1, at: 2)
        recorded.deliver("m-3", to: worker1, at: 3)
        let undrained = ledger(recorded, [facts(worker1)])
        #expect(summary(undrained) == ["m-1 worker1 acked", "m-2 worker1 acked", "m-3 worker1 unfinished"])
        #expect(undrained[0].settledBy == R.at(2))
        #expect(undrained[2].settlement == .none)
        let drained = ledger(recorded, [facts(worker1)], drains: [2.5, 4])
        #expect(drained[2].outcome == .acked && drained[2].settledBy == R.at(4) && drained[2].settlement == .drained)
    }

    @Test("a drain before a delivery settles nothing")
    func earlyDrain() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 5)
        #expect(ledger(recorded, [facts(worker1)], drains: [4]).map(\.outcome) == [.unfinished])
    }

    @Test("without a prefetch limit the next delivery proves nothing")
    func unlimitedPrefetch() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-2", to: worker1, at: 1.1)
        #expect(ledger(recorded, [facts(worker1, prefetch: 0)]).map(\.outcome) == [.unfinished, .unfinished])
        #expect(ledger(recorded, [facts(worker1, prefetch: 2)]).map(\.outcome) == [.unfinished, .unfinished])
    }

    @Test("a channel-wide limit of 1 binds a consumer that has none of its own")
    func globalPrefetch() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-2", to: worker1, at: 2)
        #expect(ledger(recorded, [facts(worker1, prefetch: 0, global: 1)]).map(\.outcome) == [.acked, .unfinished])
        #expect(facts(worker1, prefetch: 5, global: 1).effectiveLimit == 1)
        #expect(facts(worker1, prefetch: 0, global: 0).effectiveLimit == nil)
    }

    @Test("an auto-ack consumer settles every delivery when it is sent")
    func autoAck() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        let deliveries = ledger(recorded, [facts(worker1, prefetch: 0, acknowledges: false)])
        #expect(deliveries.map(\.outcome) == [.autoAcked])
        #expect(deliveries[0].settledBy == R.at(1))
    }

    @Test("a killed consumer's message comes back to another: the first delivery went with its consumer")
    func killedConsumer() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-1", to: worker2, at: 3, redelivered: true)
        let deliveries = ledger(recorded, [facts(worker1), facts(worker2)], drains: [5])
        #expect(summary(deliveries) == ["m-1 worker1 unfinished", "m-1 worker2 acked"])
        #expect(deliveries[0].settlement == .consumerGone && deliveries[0].settledBy == nil)
        #expect(deliveries[1].redelivered)
    }

    @Test("a consumer that lives on and gets the message back had requeued it")
    func requeue() {
        var recorded = R()
        recorded.deliver("p-0", to: worker1, at: 1)
        recorded.deliver("p-0", to: worker1, at: 1.1, redelivered: true)
        recorded.deliver("p-0", to: worker2, at: 1.2, redelivered: true)
        recorded.deliver("m-1", to: worker1, at: 1.3)
        let deliveries = ledger(recorded, [facts(worker1), facts(worker2)])
        #expect(summary(deliveries) == ["p-0 worker1 requeued", "p-0 worker1 requeued", "p-0 worker2 unfinished", "m-1 worker1 unfinished"])
        #expect(deliveries[0].settledBy == R.at(1.1))
    }

    @Test("a message found dead-lettered out of the queue was rejected by its last consumer")
    func deadLettered() {
        let lab = R.channel("172.20.0.1", connection: 9)
        var recorded = R()
        recorded.deliver("p-0", to: worker1, at: 1)
        recorded.deliver("m-1", to: worker1, at: 1.05)
        recorded.deliver("p-0", to: lab, at: 2, queue: "work.dlq", deaths: [DeadLetter(queue: "work", reason: "rejected", count: 1)])
        let deliveries = ledger(recorded, [facts(worker1)])
        #expect(summary(deliveries) == ["p-0 worker1 rejected", "m-1 worker1 unfinished", "p-0 172.20.0.1 unfinished"])
        #expect(deliveries[0].settledBy == R.at(1.05) && deliveries[0].settlement == .deadLettered)
    }

    @Test("a dead-lettering seen only on a publish (a retry exchange republishing it) still shows the rejection")
    func deadLetteredSeenOnPublish() {
        let retry = R.channel("172.20.0.1", connection: 9)
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-2", to: worker2, at: 1.5)
        var republished = BrokerEvent(sequence: 2, kind: .published, receivedAt: R.at(2), exchange: "retry", routingKeys: ["work"], channel: retry, token: "m-1")
        republished.deaths = [DeadLetter(queue: "work", reason: "rejected", count: 1)]
        let deliveries = DeliveryLedger(
            events: recorded.events + [republished],
            consumers: [worker1: facts(worker1), worker2: facts(worker2)],
            names: names
        ).deliveries
        #expect(summary(deliveries) == ["m-1 worker1 rejected", "m-2 worker2 unfinished"])
        #expect(deliveries[0].settledBy == R.at(2) && deliveries[0].settlement == .deadLettered)
    }

    @Test("an expired message in the dead-letter queue does not make its delivery a rejection")
    func expiredIsNotRejected() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-1", to: R.channel("172.20.0.1"), at: 2, queue: "work.dlq", deaths: [DeadLetter(queue: "work", reason: "expired", count: 1)])
        #expect(ledger(recorded, [facts(worker1)])[0].outcome == .unfinished)
    }

    @Test("someone else's messages still settle the lab's on the same channel")
    func foreignMessages() {
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver(nil, to: worker1, at: 2)
        let deliveries = ledger(recorded, [facts(worker1)])
        #expect(deliveries[0].outcome == .acked)
        #expect(deliveries.compactMap(\.trace).map(\.id) == ["m-1"])
    }

    @Test("a restarted worker's new connection is a new channel: the old one's delivery went with it")
    func restartedWorker() {
        let restarted = R.channel("172.20.0.5", connection: 2)
        var recorded = R()
        recorded.deliver("m-1", to: worker1, at: 1)
        recorded.deliver("m-1", to: restarted, at: 6, redelivered: true)
        let deliveries = ledger(recorded, [facts(worker1), facts(restarted)])
        #expect(summary(deliveries) == ["m-1 worker1 unfinished", "m-1 worker1 unfinished"])
        #expect(deliveries.map(\.settlement) == [.consumerGone, .none])
    }

    @Test("unknown consumers are named by their address, and nothing is inferred about their limits")
    func unknownConsumer() {
        var recorded = R()
        let stranger = R.channel("172.20.0.9")
        recorded.deliver("m-1", to: stranger, at: 1)
        recorded.deliver("m-2", to: stranger, at: 2)
        #expect(summary(ledger(recorded, [])) == ["m-1 172.20.0.9 unfinished", "m-2 172.20.0.9 unfinished"])
    }
}
