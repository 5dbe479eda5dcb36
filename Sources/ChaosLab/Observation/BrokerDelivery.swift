public import Foundation

/// One delivery of a message from a queue to a consumer, as the broker showed it, and how it
/// was settled: the unit every delivery-based verdict is built from.
public struct BrokerDelivery: Sendable, Codable, Hashable {
    /// The lab's token in the message, if it carries one.
    public var token: String?
    /// The queue it came from.
    public var queue: String
    /// The channel it was delivered on.
    public var channel: ChannelAddress
    /// The consumer's service (a worker), or its address when no service has it.
    public var consumer: String
    /// When the firehose reported it.
    public var at: Date
    /// The broker's redelivered flag.
    public var redelivered: Bool
    /// How it ended.
    public var outcome: DeliveryOutcome
    /// The earliest moment the broker showed it settled; `nil` when it was not, or when it
    /// went with its consumer.
    public var settledBy: Date?
    /// What showed it.
    public var settlement: Settlement
    /// The firehose sequence number of the delivery.
    public var sequence: Int

    public init(
        token: String?, queue: String, channel: ChannelAddress, consumer: String, at: Date, redelivered: Bool,
        outcome: DeliveryOutcome, settledBy: Date?, settlement: Settlement, sequence: Int
    ) {
        self.token = token
        self.queue = queue
        self.channel = channel
        self.consumer = consumer
        self.at = at
        self.redelivered = redelivered
        self.outcome = outcome
        self.settledBy = settledBy
        self.settlement = settlement
        self.sequence = sequence
    }

    /// The delivery as a bar on a report's timeline; `nil` for a message without a token.
    public var trace: MessageTrace? {
        token.map { MessageTrace(id: $0, worker: consumer, start: at, end: settledBy, redelivered: redelivered, outcome: outcome) }
    }
}
