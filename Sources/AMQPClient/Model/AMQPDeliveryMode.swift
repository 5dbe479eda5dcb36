/// Whether the broker writes a message to disk in a durable queue.
public enum AMQPDeliveryMode: UInt8, Sendable, Codable {
    /// Kept in memory only; lost when the broker restarts.
    case transient = 1
    /// Written to disk when routed to a durable queue; survives a broker restart.
    case persistent = 2
}
