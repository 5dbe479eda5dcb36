/// What the broker answered a publish the lab made straight to it, in confirm mode.
public enum BrokerConfirm: String, Sendable, Codable, Hashable, CaseIterable {
    /// basic.ack: the broker took the message (on disk, for a persistent one in a durable queue).
    case acked
    /// basic.nack: the broker could not take it.
    case nacked
    /// basic.return before the ack: the mandatory message matched no queue, so no queue has it.
    case returned
}
