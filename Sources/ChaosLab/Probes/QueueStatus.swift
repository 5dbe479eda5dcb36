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

    public init(name: String, durable: Bool, ready: Int, unacknowledged: Int, consumers: Int) {
        self.name = name
        self.durable = durable
        self.ready = ready
        self.unacknowledged = unacknowledged
        self.consumers = consumers
    }

    /// Every message the queue still holds: ready plus unacknowledged.
    public var total: Int { ready + unacknowledged }
}
