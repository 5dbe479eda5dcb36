public import Foundation

/// One thing the broker's firehose (`amq.rabbitmq.trace`) reported: a message published to an
/// exchange, or a message delivered from a queue to a consumer (or to a `basic.get`).
///
/// Plain data, so a recorded stream can be replayed into the verdict logic without a broker.
public struct BrokerEvent: Sendable, Codable, Hashable {
    /// What the firehose reported.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// `publish.<exchange>`: a client published the message.
        case published
        /// `deliver.<queue>`: the broker handed the message to a client.
        case delivered
    }

    /// The order in which the lab received the event, from 0; the firehose keeps each
    /// channel's order.
    public var sequence: Int
    public var kind: Kind
    /// When the lab received it: the firehose carries no time of its own.
    public var receivedAt: Date
    /// The exchange the message was published to.
    public var exchange: String
    /// The routing keys it was published with.
    public var routingKeys: [String]
    /// For a delivery, the queue it came from.
    public var queue: String?
    /// For a publish, the queues it was routed to. The default exchange lists the queue the
    /// routing key names even when no such queue exists.
    public var routedQueues: [String]
    /// For a delivery, the broker's redelivered flag.
    public var redelivered: Bool
    /// The client channel that published or received it; `nil` when the event does not say.
    public var channel: ChannelAddress?
    /// The broker user of that connection.
    public var user: String
    /// Whether the message was published persistent (delivery mode 2).
    public var persistent: Bool
    /// The message's `x-death` entries, newest first: present once it was dead-lettered.
    public var deaths: [DeadLetter]
    /// The body as text, cut to the first few kilobytes.
    public var body: String
    /// The body's full size in bytes.
    public var bodySize: Int
    /// The lab's token found in the body, if any.
    public var token: String?

    public init(
        sequence: Int,
        kind: Kind,
        receivedAt: Date,
        exchange: String = "",
        routingKeys: [String] = [],
        queue: String? = nil,
        routedQueues: [String] = [],
        redelivered: Bool = false,
        channel: ChannelAddress? = nil,
        user: String = "",
        persistent: Bool = false,
        deaths: [DeadLetter] = [],
        body: String = "",
        bodySize: Int? = nil,
        token: String? = nil
    ) {
        self.sequence = sequence
        self.kind = kind
        self.receivedAt = receivedAt
        self.exchange = exchange
        self.routingKeys = routingKeys
        self.queue = queue
        self.routedQueues = routedQueues
        self.redelivered = redelivered
        self.channel = channel
        self.user = user
        self.persistent = persistent
        self.deaths = deaths
        self.body = body
        self.bodySize = bodySize ?? body.utf8.count
        self.token = token
    }

    /// Whether the broker dead-lettered this message out of `queue` for `reason` at some point
    /// (its `x-death` names that queue and reason).
    public func wasDeadLettered(from queue: String, reason: String? = nil) -> Bool {
        deaths.contains { $0.queue == queue && (reason == nil || $0.reason == reason) }
    }
}
