/// What became of one publish through the ``BrokerLink``.
enum PublishOutcome: Sendable, Hashable {
    /// The broker confirmed it (basic.ack): it is in the queue.
    case confirmed
    /// The broker refused it (basic.nack).
    case nacked
    /// The broker could not route it (mandatory publish returned).
    case returned(replyCode: UInt16, replyText: String)
    /// No confirm came within the deadline; the broker may or may not have it.
    case unconfirmed(reason: String)
    /// There is no usable connection to the broker; nothing was sent, or the connection broke
    /// while sending.
    case unavailable(reason: String)
}
