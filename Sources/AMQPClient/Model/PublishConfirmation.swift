/// The broker's verdict on one published message.
///
/// A nack or a return is a value, not an error: the publish reached the broker, which answered.
public enum PublishConfirmation: Sendable, Hashable {
    /// The broker took responsibility for the message (for a persistent message in a durable
    /// queue: it is on disk). Only a channel in confirm mode gets this answer.
    case acked
    /// The broker could not take the message (an internal error in the queue process).
    case nacked
    /// A mandatory message matched no queue; the broker sent it back (and then acked it).
    case returned(replyCode: UInt16, replyText: String)
    /// The channel is not in confirm mode, so the broker was never asked for a verdict: the
    /// message was written to the socket and nothing more is known (it may have been dropped,
    /// or returned unroutable). Call ``AMQPChannel/enablePublisherConfirms()`` to learn more.
    case unconfirmed
}
