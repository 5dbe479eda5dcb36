/// A complete message delivered by basic.deliver or basic.get: method, properties and body.
public struct AMQPMessage: Sendable, Hashable {
    /// The channel it arrived on; acknowledge it on the same channel.
    public var channel: UInt16
    /// The consumer it was delivered to; nil for basic.get.
    public var consumerTag: String?
    /// The channel-scoped tag for ack, nack and reject.
    public var deliveryTag: UInt64
    /// Whether the broker delivered it before without an acknowledgement.
    public var redelivered: Bool
    public var exchange: String
    public var routingKey: String
    /// Messages left in the queue after this one; basic.get-ok only.
    public var messageCount: UInt32?
    public var properties: AMQPProperties
    public var body: [UInt8]

    public init(
        channel: UInt16,
        consumerTag: String?,
        deliveryTag: UInt64,
        redelivered: Bool,
        exchange: String,
        routingKey: String,
        messageCount: UInt32? = nil,
        properties: AMQPProperties = AMQPProperties(),
        body: [UInt8]
    ) {
        self.channel = channel
        self.consumerTag = consumerTag
        self.deliveryTag = deliveryTag
        self.redelivered = redelivered
        self.exchange = exchange
        self.routingKey = routingKey
        self.messageCount = messageCount
        self.properties = properties
        self.body = body
    }

    /// The body decoded as UTF-8; nil if it is not valid UTF-8.
    public var bodyString: String? {
        String(validating: body, as: UTF8.self)
    }
}
