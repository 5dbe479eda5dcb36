@testable import AMQPClient
import Testing

@Suite("What a publish on a channel waits for")
struct ChannelStateTests {
    @Test("without confirms a publish is settled at once as unconfirmed, never as acked")
    func withoutConfirms() {
        var channel = ChannelState()
        let content = ConfirmTracker.Content(exchange: "", routingKey: "nowhere", body: [1])
        #expect(channel.registerPublish(returnable: nil) == .settled(.unconfirmed))
        #expect(channel.registerPublish(returnable: content) == .settled(.unconfirmed))
    }

    @Test("with confirms publishes wait for the confirms of their sequence numbers")
    func withConfirms() {
        var channel = ChannelState()
        channel.confirms = ConfirmTracker()
        #expect(channel.registerPublish(returnable: nil) == .confirm(sequence: 1))
        #expect(channel.registerPublish(returnable: nil) == .confirm(sequence: 2))
        channel.confirms?.recordAck(deliveryTag: 2, multiple: true)
        #expect(channel.confirms?.take(1) == .acked)
        #expect(channel.confirms?.isSettled == true)
    }
}
