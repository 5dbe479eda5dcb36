import AMQPClient
@testable import ChaosLab
import Foundation
import Testing

@Suite("Firehose events, tokens and connection names")
struct FirehoseParsingTests {
    let tokens = LabTokens(runID: "a1b2c3")

    /// A `deliver.task_queue` event with the headers RabbitMQ 3.10.8 sends (recorded with pika).
    func delivery(body: String, redelivered: Int = 0, xDeath: AMQPFieldValue? = nil) -> AMQPMessage {
        var messageHeaders: AMQPTable = [:]
        if let xDeath { messageHeaders["x-death"] = xDeath }
        var properties: AMQPTable = ["delivery_mode": .uint8(2)]
        if !messageHeaders.isEmpty { properties["headers"] = .table(messageHeaders) }
        let headers: AMQPTable = [
            "exchange_name": .string(""),
            "routing_keys": .array([.string("task_queue")]),
            "properties": .table(properties),
            "node": .string("rabbit@rabbitmq"),
            "redelivered": .int8(Int8(redelivered)),
            "vhost": .string("/"),
            "connection": .string("172.21.0.4:52318 -> 172.21.0.2:5672"),
            "channel": .int32(1),
            "user": .string("tasks"),
        ]
        return AMQPMessage(
            channel: 1, consumerTag: "ctag", deliveryTag: 7, redelivered: false, exchange: "amq.rabbitmq.trace",
            routingKey: "deliver.task_queue", properties: AMQPProperties(headers: headers), body: Array(body.utf8)
        )
    }

    @Test("a delivery: queue, channel, redelivered flag, persistence and the lab's token")
    func deliveryEvent() throws {
        let message = delivery(body: #"{"message": "redelivery-a1b2c3-1...."}"#, redelivered: 1)
        let event = try #require(BrokerEvent(firehose: message, sequence: 4, receivedAt: Date(timeIntervalSince1970: 10), tokens: tokens))
        #expect(event.kind == .delivered)
        #expect(event.queue == "task_queue")
        #expect(event.redelivered)
        #expect(event.persistent)
        #expect(event.user == "tasks")
        #expect(event.channel == ChannelAddress(connection: ConnectionName("172.21.0.4:52318 -> 172.21.0.2:5672"), number: 1))
        #expect(event.channel?.connection.peerHost == "172.21.0.4")
        #expect(event.channel?.connection.peerPort == 52318)
        #expect(event.token == "redelivery-a1b2c3-1")
        #expect(event.sequence == 4)
    }

    @Test("x-death entries come from the message's own headers, newest first")
    func deaths() throws {
        let xDeath: AMQPFieldValue = .array([
            .table(["queue": .string("task_queue"), "reason": .string("rejected"), "count": .int64(1), "exchange": .string("")]),
            .table(["queue": .string("retry"), "reason": .string("expired"), "count": .int64(2)]),
        ])
        let event = try #require(BrokerEvent(firehose: delivery(body: "dead-letter-a1b2c3-0 poison", xDeath: xDeath), sequence: 0, receivedAt: Date(), tokens: tokens))
        #expect(event.deaths.map(\.reason) == ["rejected", "expired"])
        #expect(event.wasDeadLettered(from: "task_queue", reason: "rejected"))
        #expect(!event.wasDeadLettered(from: "task_queue", reason: "expired"))
    }

    @Test("a publish names its exchange and the queues it was routed to")
    func publishEvent() throws {
        let headers: AMQPTable = [
            "exchange_name": .string("orders"), "routing_keys": .array([.string("new")]), "properties": .table([:]),
            "routed_queues": .array([]), "connection": .string("172.21.0.3:40000 -> 172.21.0.2:5672"), "channel": .int32(2), "user": .string("app"),
        ]
        let message = AMQPMessage(channel: 1, consumerTag: nil, deliveryTag: 1, redelivered: false, exchange: "amq.rabbitmq.trace",
                                  routingKey: "publish.orders", properties: AMQPProperties(headers: headers), body: Array("x".utf8))
        let event = try #require(BrokerEvent(firehose: message, sequence: 0, receivedAt: Date(), tokens: tokens))
        #expect(event.kind == .published && event.exchange == "orders" && event.routedQueues.isEmpty && !event.persistent)
        #expect(event.token == nil)
    }

    @Test("anything but publish.* and deliver.* is not an event")
    func otherKeys() {
        let message = AMQPMessage(channel: 1, consumerTag: nil, deliveryTag: 1, redelivered: false, exchange: "x", routingKey: "something.else", body: [])
        #expect(BrokerEvent(firehose: message, sequence: 0, receivedAt: Date(), tokens: tokens) == nil)
    }

    @Test("tokens of this run only, whole, wherever they sit in a body", arguments: [
        ("round-robin-a1b2c3-12", "round-robin-a1b2c3-12"),
        (#"{"message": "dead-letter-a1b2c3-0 poison"}"#, "dead-letter-a1b2c3-0"),
        ("{'message': 'persistence-a1b2c3-3........'}", "persistence-a1b2c3-3"),
        ("round-robin-ffffff-12", nil),
        ("-a1b2c3-12", nil),
        ("round-robin-a1b2c3-", nil),
        ("x round-robin-a1b2c3-x prefetch-fairness-a1b2c3-4", "prefetch-fairness-a1b2c3-4"),
    ] as [(String, String?)])
    func token(_ body: String, _ expected: String?) {
        #expect(tokens.first(in: body) == expected)
    }

    @Test("channel names as the management API writes them")
    func channelNames() {
        let channel = ChannelAddress(channelName: "172.18.0.1:47552 -> 172.18.0.2:5672 (3)")
        #expect(channel?.number == 3)
        #expect(channel?.connection.peerHost == "172.18.0.1")
        #expect(ChannelAddress(channelName: "no number") == nil)
        #expect(ConnectionName("[fd00::5]:4000 -> [fd00::2]:5672").peerHost == "fd00::5")
    }
}
