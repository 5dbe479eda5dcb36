/// The broker's verdict on one pipelined publish, by the sequence number
/// ``AMQPChannel/publishPipelined(_:)`` gave it.
public struct ConfirmedPublish: Sendable, Hashable {
    /// The publish's number on its channel (the broker counts from 1 per channel).
    public var sequence: UInt64
    /// What the broker said: acked, nacked or returned.
    public var confirmation: PublishConfirmation

    public init(sequence: UInt64, confirmation: PublishConfirmation) {
        self.sequence = sequence
        self.confirmation = confirmation
    }
}
