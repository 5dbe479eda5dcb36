@testable import AMQPClient
import Testing

/// basic.return carries no delivery tag: each must be pinned on the publish it came from, also
/// when several publishes are in flight and one ack settles them all.
@Suite("Attributing returns to publishes")
struct ConfirmTrackerReturnTests {
    static let returned = PublishConfirmation.returned(replyCode: 312, replyText: "NO_ROUTE")

    static func content(_ body: String, exchange: String = "", routingKey: String = "work") -> ConfirmTracker.Content {
        ConfirmTracker.Content(exchange: exchange, routingKey: routingKey, body: Array(body.utf8))
    }

    static func noRoute(_ body: String, exchange: String = "", routingKey: String = "work") -> ConfirmTracker.Return {
        ConfirmTracker.Return(replyCode: 312, replyText: "NO_ROUTE",
                              content: content(body, exchange: exchange, routingKey: routingKey))
    }

    /// Publishes 1 (routable), 2 (unroutable) and 3 (routable), all mandatory.
    static func threeInFlight() -> ConfirmTracker {
        var tracker = ConfirmTracker()
        _ = tracker.registerPublish(returnable: content("one"))
        _ = tracker.registerPublish(returnable: content("two", routingKey: "nowhere"))
        _ = tracker.registerPublish(returnable: content("three"))
        return tracker
    }

    static func outcomes(_ tracker: inout ConfirmTracker, _ sequences: ClosedRange<UInt64>) -> [PublishConfirmation?] {
        sequences.map { tracker.take($0) }
    }

    @Test("a return before a coalesced ack marks only the unroutable publish")
    func coalescedAck() {
        var tracker = Self.threeInFlight()
        tracker.recordReturn(Self.noRoute("two", routingKey: "nowhere"))
        tracker.recordAck(deliveryTag: 3, multiple: true)
        #expect(Self.outcomes(&tracker, 1...3) == [.acked, Self.returned, .acked])
        #expect(tracker.isSettled)
    }

    @Test("a return followed by one ack per publish marks only the unroutable publish")
    func singleAcks() {
        var tracker = Self.threeInFlight()
        tracker.recordAck(deliveryTag: 1, multiple: false)
        tracker.recordReturn(Self.noRoute("two", routingKey: "nowhere"))
        tracker.recordAck(deliveryTag: 2, multiple: false)
        tracker.recordAck(deliveryTag: 3, multiple: false)
        #expect(Self.outcomes(&tracker, 1...3) == [.acked, Self.returned, .acked])
    }

    @Test("several returns before one ack mark each its own publish, the same content in publish order")
    func severalReturns() {
        var tracker = ConfirmTracker()
        _ = tracker.registerPublish(returnable: Self.content("a", exchange: "orders", routingKey: "eu"))
        _ = tracker.registerPublish(returnable: Self.content("b"))
        _ = tracker.registerPublish(returnable: Self.content("a", exchange: "orders", routingKey: "us"))
        _ = tracker.registerPublish(returnable: Self.content("b"))
        _ = tracker.registerPublish(returnable: Self.content("c"))
        _ = tracker.registerPublish(returnable: Self.content("b"))
        tracker.recordReturn(Self.noRoute("a", exchange: "orders", routingKey: "us"))
        tracker.recordReturn(Self.noRoute("b"))
        tracker.recordReturn(Self.noRoute("b"))
        tracker.recordAck(deliveryTag: 6, multiple: true)
        #expect(Self.outcomes(&tracker, 1...6) == [.acked, Self.returned, Self.returned, Self.returned, .acked, .acked])
    }

    @Test("a nack settles a returned publish as nacked and leaves the others nacked")
    func nackAfterReturn() {
        var tracker = Self.threeInFlight()
        tracker.recordReturn(Self.noRoute("two", routingKey: "nowhere"))
        tracker.recordNack(deliveryTag: 3, multiple: true)
        #expect(Self.outcomes(&tracker, 1...3) == [.nacked, .nacked, .nacked])
    }

    @Test("a return is kept for its publish across a nack of an earlier one")
    func nackBeforeReturnedAck() {
        var tracker = Self.threeInFlight()
        tracker.recordReturn(Self.noRoute("two", routingKey: "nowhere"))
        tracker.recordNack(deliveryTag: 1, multiple: false)
        tracker.recordAck(deliveryTag: 3, multiple: true)
        #expect(Self.outcomes(&tracker, 1...3) == [.nacked, Self.returned, .acked])
    }

    @Test("a return that matches no publish in flight changes nothing", arguments: [
        noRoute("four"),
        noRoute("two"),
        noRoute("two", routingKey: "elsewhere"),
        noRoute("two", exchange: "orders", routingKey: "nowhere"),
    ])
    func unmatchedReturn(_ stray: ConfirmTracker.Return) {
        var tracker = ConfirmTracker()
        tracker.recordReturn(stray)
        #expect(tracker.isSettled)
        var inFlight = Self.threeInFlight()
        inFlight.recordReturn(stray)
        inFlight.recordAck(deliveryTag: 3, multiple: true)
        #expect(Self.outcomes(&inFlight, 1...3) == [.acked, .acked, .acked])
    }

    @Test("a publish that was not mandatory is never taken for a returned one")
    func notMandatory() {
        var tracker = ConfirmTracker()
        _ = tracker.registerPublish(returnable: nil)
        _ = tracker.registerPublish(returnable: Self.content("x"))
        tracker.recordReturn(Self.noRoute("x"))
        tracker.recordReturn(Self.noRoute("x"))
        tracker.recordAck(deliveryTag: 2, multiple: true)
        #expect(Self.outcomes(&tracker, 1...2) == [.acked, Self.returned])
    }

    @Test("the late return of an abandoned publish is not taken for a later one with the same content")
    func abandonedPublish() {
        var tracker = ConfirmTracker()
        let abandoned = tracker.registerPublish(returnable: Self.content("x"))
        tracker.abandon(abandoned)
        let later = tracker.registerPublish(returnable: Self.content("x"))
        tracker.recordReturn(Self.noRoute("x"))
        tracker.recordAck(deliveryTag: later, multiple: true)
        #expect(tracker.take(abandoned) == nil)
        #expect(tracker.take(later) == .acked)
    }

    @Test("a return read as method, header and body frames carries what the publish sent")
    func returnFromFrames() throws {
        var content = PendingContent(origin: .return(replyCode: 312, replyText: "NO_ROUTE"), deliveryTag: 0,
                                     redelivered: false, exchange: "orders", routingKey: "eu")
        content.receiveHeader(properties: AMQPProperties(messageID: "m-1"), bodySize: 5)
        content.body.append(contentsOf: Array("he".utf8))
        #expect(!content.isComplete)
        content.body.append(contentsOf: Array("llo".utf8))
        #expect(content.isComplete)
        #expect(content.returned == Self.noRoute("hello", exchange: "orders", routingKey: "eu"))

        var tracker = ConfirmTracker()
        _ = tracker.registerPublish(returnable: Self.content("hello", exchange: "orders", routingKey: "us"))
        _ = tracker.registerPublish(returnable: Self.content("hello", exchange: "orders", routingKey: "eu"))
        tracker.recordReturn(try #require(content.returned))
        tracker.recordAck(deliveryTag: 2, multiple: true)
        #expect(Self.outcomes(&tracker, 1...2) == [.acked, Self.returned])
    }

    @Test("deliveries and gets are not returns")
    func deliveryIsNoReturn() {
        let delivery = PendingContent(origin: .deliver(consumerTag: "c"), deliveryTag: 1, redelivered: false,
                                      exchange: "", routingKey: "work")
        let get = PendingContent(origin: .get(messageCount: 0), deliveryTag: 1, redelivered: false,
                                 exchange: "", routingKey: "work")
        #expect(delivery.returned == nil)
        #expect(get.returned == nil)
    }
}
