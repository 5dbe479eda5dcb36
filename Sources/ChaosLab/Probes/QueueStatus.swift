/// One queue as the broker reports it.
public struct QueueStatus: Sendable, Codable, Hashable {
    /// The queue's name.
    public var name: String
    /// Whether the queue survives a broker restart.
    public var durable: Bool
    /// Messages ready to be delivered.
    public var ready: Int
    /// Messages delivered and not yet acknowledged.
    public var unacknowledged: Int
    /// Consumers attached to the queue.
    public var consumers: Int
    /// The queue's declaration arguments (`x-dead-letter-exchange`, `x-max-length`, …), values
    /// as text.
    public var arguments: [String: String]

    public init(name: String, durable: Bool, ready: Int, unacknowledged: Int, consumers: Int, arguments: [String: String] = [:]) {
        self.name = name
        self.durable = durable
        self.ready = ready
        self.unacknowledged = unacknowledged
        self.consumers = consumers
        self.arguments = arguments
    }

    /// The exchange rejected, expired and overflowing messages go to, if declared.
    public var deadLetterExchange: String? { arguments["x-dead-letter-exchange"] }

    /// The most messages the queue keeps, if declared.
    public var maxLength: Int? { arguments["x-max-length"].flatMap { Int($0) } }

    /// Every message the queue still holds: ready plus unacknowledged.
    public var total: Int { ready + unacknowledged }
}
