@testable import AMQPClient
import Testing

@Suite("Confirms of pipelined publishes")
struct ConfirmTrackerPipelineTests {
    @Test("every pipelined outcome is queued in the order it came, and handed out once")
    func queuedInOrder() {
        var tracker = ConfirmTracker()
        let sequences = (0..<5).map { _ in tracker.registerPublish(waiter: .pipeline) }
        #expect(sequences == [1, 2, 3, 4, 5])
        #expect(tracker.takePipelined().isEmpty)
        tracker.recordAck(deliveryTag: 2, multiple: true)
        tracker.recordNack(deliveryTag: 3, multiple: false)
        #expect(tracker.takePipelined() == [
            ConfirmedPublish(sequence: 1, confirmation: .acked),
            ConfirmedPublish(sequence: 2, confirmation: .acked),
            ConfirmedPublish(sequence: 3, confirmation: .nacked),
        ])
        #expect(tracker.takePipelined().isEmpty)
        tracker.recordAck(deliveryTag: 5, multiple: true)
        #expect(tracker.takePipelined().map(\.sequence) == [4, 5])
        #expect(tracker.isSettled)
    }

    @Test("a returned pipelined publish is reported as returned when its ack comes")
    func returned() {
        var tracker = ConfirmTracker()
        let lost = ConfirmTracker.Content(exchange: "", routingKey: "nowhere", body: Array("x".utf8))
        _ = tracker.registerPublish(returnable: ConfirmTracker.Content(exchange: "", routingKey: "work", body: Array("x".utf8)), waiter: .pipeline)
        let unroutable = tracker.registerPublish(returnable: lost, waiter: .pipeline)
        tracker.recordReturn(ConfirmTracker.Return(replyCode: 312, replyText: "NO_ROUTE", content: lost))
        tracker.recordAck(deliveryTag: unroutable, multiple: true)
        #expect(tracker.takePipelined() == [
            ConfirmedPublish(sequence: 1, confirmation: .acked),
            ConfirmedPublish(sequence: 2, confirmation: .returned(replyCode: 312, replyText: "NO_ROUTE")),
        ])
    }

    @Test("pipelined and one-by-one publishes on one channel never take each other's outcomes")
    func mixedWaiters() {
        var tracker = ConfirmTracker()
        let piped = tracker.registerPublish(waiter: .pipeline)
        let single = tracker.registerPublish(waiter: .publisher)
        let forgotten = tracker.registerPublish(waiter: .none)
        let pipedAgain = tracker.registerPublish(waiter: .pipeline)
        tracker.recordAck(deliveryTag: pipedAgain, multiple: true)
        #expect(tracker.takePipelined().map(\.sequence) == [piped, pipedAgain])
        #expect(tracker.take(single) == .acked)
        #expect(tracker.take(forgotten) == nil)
        #expect(tracker.isSettled)
    }

    @Test("a channel in confirm mode registers pipelined publishes for the pipeline")
    func channelState() {
        var channel = ChannelState()
        channel.confirms = ConfirmTracker()
        #expect(channel.registerPublish(returnable: nil, waiter: .pipeline) == .confirm(sequence: 1))
        channel.confirms?.recordAck(deliveryTag: 1, multiple: false)
        #expect(channel.confirms?.take(1) == nil)
        #expect(channel.confirms?.takePipelined() == [ConfirmedPublish(sequence: 1, confirmation: .acked)])
    }
}
