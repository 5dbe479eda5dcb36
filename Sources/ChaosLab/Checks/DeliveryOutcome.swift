/// How one delivery of a message to a consumer ended, as far as the lab could tell.
public enum DeliveryOutcome: String, Sendable, Codable, Hashable, CaseIterable {
    /// The consumer acknowledged it: processed.
    case acked
    /// It went to a consumer that does not acknowledge (auto-ack): the broker forgot it the
    /// moment it was sent, so nothing on the broker's side shows whether it was processed.
    case autoAcked = "auto-acked"
    /// The consumer rejected it without requeue: dead-lettered, or dropped without a
    /// dead-letter exchange.
    case rejected
    /// The consumer, still alive, put it back on the queue (nack or reject with requeue).
    case requeued
    /// Nothing settled it while the lab watched: its consumer died or was cut off with it, or
    /// still holds it.
    case unfinished

    /// Whether the consumer is known to have finished with it (acknowledged, or forgotten by
    /// an auto-ack broker): what the checks count as processed.
    public var isHandled: Bool {
        self == .acked || self == .autoAcked
    }
}
