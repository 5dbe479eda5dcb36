@testable import AMQPClient
import Testing

@Suite("Publisher-confirm bookkeeping")
struct ConfirmTrackerTests {
    @Test("single acks and nacks settle their own sequence numbers")
    func singleSettlements() {
        var tracker = ConfirmTracker()
        let first = tracker.registerPublish()
        let second = tracker.registerPublish()
        #expect((first, second) == (1, 2))
        tracker.recordNack(deliveryTag: 2, multiple: false)
        #expect(tracker.take(first) == nil)
        #expect(tracker.take(second) == .nacked)
        #expect(tracker.take(second) == nil)
        tracker.recordAck(deliveryTag: 1, multiple: false)
        #expect(tracker.take(first) == .acked)
        #expect(tracker.isSettled)
    }

    @Test("a multiple ack settles everything up to its tag")
    func multipleAck() {
        var tracker = ConfirmTracker()
        let sequences = (0..<5).map { _ in tracker.registerPublish() }
        tracker.recordAck(deliveryTag: 3, multiple: true)
        #expect(sequences.map { tracker.take($0) } == [.acked, .acked, .acked, nil, nil])
        tracker.recordNack(deliveryTag: 5, multiple: true)
        #expect(tracker.take(4) == .nacked)
        #expect(tracker.take(5) == .nacked)
        #expect(tracker.isSettled)
    }

    @Test("a return is reported for the publish its following ack settles")
    func returnThenAck() {
        var tracker = ConfirmTracker()
        let lost = ConfirmTracker.Content(exchange: "", routingKey: "nowhere", body: Array("lost".utf8))
        let routed = tracker.registerPublish(returnable: ConfirmTracker.Content(exchange: "", routingKey: "work", body: []))
        let unroutable = tracker.registerPublish(returnable: lost)
        tracker.recordReturn(ConfirmTracker.Return(replyCode: 312, replyText: "NO_ROUTE", content: lost))
        tracker.recordAck(deliveryTag: unroutable, multiple: true)
        #expect(tracker.take(routed) == .acked)
        #expect(tracker.take(unroutable) == .returned(replyCode: 312, replyText: "NO_ROUTE"))
        let next = tracker.registerPublish(returnable: lost)
        tracker.recordAck(deliveryTag: next, multiple: false)
        #expect(tracker.take(next) == .acked)
    }

    @Test("outcomes of abandoned publishes are not kept, and duplicates are ignored")
    func abandoned() {
        var tracker = ConfirmTracker()
        let sequence = tracker.registerPublish()
        tracker.abandon(sequence)
        tracker.recordAck(deliveryTag: sequence, multiple: false)
        tracker.recordAck(deliveryTag: sequence, multiple: false)
        #expect(tracker.take(sequence) == nil)
        #expect(tracker.isSettled)
    }
}
