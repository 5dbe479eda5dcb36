/// A content-bearing method (deliver, get-ok, return) whose header and body frames are still
/// arriving on its channel.
struct PendingContent: Sendable {
    enum Origin: Sendable {
        case deliver(consumerTag: String)
        case get(messageCount: UInt32)
        case `return`(replyCode: UInt16, replyText: String)
    }

    /// Bodies are read into memory; refuse to pre-allocate more than this from a header's claim.
    static let maximumReservation = 16 << 20

    var origin: Origin
    var deliveryTag: UInt64
    var redelivered: Bool
    var exchange: String
    var routingKey: String
    var properties = AMQPProperties()
    /// Known once the header frame arrived.
    var bodySize: UInt64?
    var body: [UInt8] = []

    /// Whether header and the whole body have arrived.
    var isComplete: Bool {
        guard let bodySize else { return false }
        return UInt64(body.count) >= bodySize
    }

    mutating func receiveHeader(properties: AMQPProperties, bodySize: UInt64) {
        self.properties = properties
        self.bodySize = bodySize
        body.reserveCapacity(Int(min(bodySize, UInt64(Self.maximumReservation))))
    }

    /// The complete basic.return, for the confirm bookkeeping; nil for a delivery or a get.
    var returned: ConfirmTracker.Return? {
        guard case .return(let replyCode, let replyText) = origin else { return nil }
        return ConfirmTracker.Return(
            replyCode: replyCode, replyText: replyText,
            content: ConfirmTracker.Content(exchange: exchange, routingKey: routingKey, body: body))
    }

    func message(channel: UInt16) -> AMQPMessage {
        var consumerTag: String?
        var messageCount: UInt32?
        switch origin {
        case .deliver(let tag): consumerTag = tag
        case .get(let count): messageCount = count
        case .return: break
        }
        return AMQPMessage(channel: channel, consumerTag: consumerTag, deliveryTag: deliveryTag,
                           redelivered: redelivered, exchange: exchange, routingKey: routingKey,
                           messageCount: messageCount, properties: properties, body: body)
    }
}
