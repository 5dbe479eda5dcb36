/// One message to publish with ``AMQPChannel/publishPipelined(_:)`` or
/// ``AMQPChannel/publishBatch(_:confirmTimeout:)``: what `AMQPChannel.publish(_:exchange:routingKey:mandatory:properties:confirmTimeout:)`
/// takes as arguments, as a value.
public struct AMQPOutgoingMessage: Sendable, Hashable {
    public var body: [UInt8]
    /// The exchange; "" is the default exchange, which routes by queue name.
    public var exchange: String
    public var routingKey: String
    /// Whether the broker returns the message when it matches no queue.
    public var mandatory: Bool
    public var properties: AMQPProperties

    public init(
        _ body: [UInt8], exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: AMQPProperties = .init()
    ) {
        self.body = body
        self.exchange = exchange
        self.routingKey = routingKey
        self.mandatory = mandatory
        self.properties = properties
    }

    /// The UTF-8 of `body`, like the `[UInt8]` initialiser.
    public init(
        _ body: String, exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: AMQPProperties = .init()
    ) {
        self.init(Array(body.utf8), exchange: exchange, routingKey: routingKey, mandatory: mandatory,
                  properties: properties)
    }
}
