/// The broker's verdict on one published message.
///
/// A nack or a return is a value, not an error: the publish reached the broker, which answered.
public enum PublishConfirmation: Sendable, Hashable {
    /// The broker took responsibility for the message (for a persistent message in a durable
    /// queue: it is on disk). Also the result of a publish on a channel without confirms.
    case acked
    /// The broker could not take the message (an internal error in the queue process).
    case nacked
    /// A mandatory message matched no queue; the broker sent it back (and then acked it).
    case returned(replyCode: UInt16, replyText: String)
}
