/// Every failure of the AMQP client: what kind (`code`, with the broker's or rabbitmq-c's
/// context) and a full-sentence `message` that says which operation failed against what.
///
/// Not errors: a nacked or returned publish (see ``PublishConfirmation``), an empty basic.get
/// (nil) and a delivery wait that ends without a message (nil).
public struct AMQPError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The TCP connect, the socket or the login handshake failed without the broker saying
        /// no (refused, unreachable, no answer in time, the socket dropped); the message has
        /// host:port and the rabbitmq-c status name.
        case connectionFailed
        /// The broker answered the login with connection.close: 403 ACCESS_REFUSED for wrong
        /// credentials (or guest from outside loopback), 530 NOT_ALLOWED for a virtual host the
        /// user may not open. Unlike ``connectionFailed``, the broker judged the credentials.
        case loginRefused(replyCode: UInt16, replyText: String)
        /// An operation passed its deadline; the message names the operation and the deadline.
        case timedOut
        /// The connection ended. A broker's connection.close carries its reply code and text
        /// (e.g. 320 CONNECTION_FORCED); a lost transport (socket closed, heartbeat timeout)
        /// has reply code 0 and the rabbitmq-c status name as text.
        case connectionClosed(replyCode: UInt16, replyText: String)
        /// The broker closed a channel (e.g. 404 NOT_FOUND, 406 PRECONDITION_FAILED). The
        /// channel is unusable from then on; the connection stays open.
        case channelClosed(channel: UInt16, replyCode: UInt16, replyText: String)
        /// Any other rabbitmq-c status, with the C constant's name (e.g. `AMQP_STATUS_TABLE_TOO_BIG`).
        case library(status: Int32, name: String)
        /// The call does not fit the object's state: the connection or channel was closed by
        /// this client, confirms are off, an argument is out of range, ...
        case invalidState
    }

    /// What kind of failure this is.
    public var code: Code
    /// A full sentence describing the failure and its context.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The broker's reply code for a channel or connection close or a refused login; nil
    /// otherwise.
    public var replyCode: UInt16? {
        switch code {
        case .connectionClosed(let replyCode, _) where replyCode != 0: replyCode
        case .channelClosed(_, let replyCode, _): replyCode
        case .loginRefused(let replyCode, _): replyCode
        default: nil
        }
    }
}
