/// One consumer of a queue as the broker sees it (`rabbitmqctl list_consumers`, or the
/// management API's `/api/consumers`, which also names the consumer's channel and client).
public struct ConsumerStatus: Sendable, Codable, Hashable {
    /// The queue it consumes.
    public var queue: String
    /// Its consumer tag.
    public var tag: String
    /// Whether the broker waits for an acknowledgement (`false`: auto-ack, the message counts
    /// as handled the moment it is sent).
    public var acknowledgementRequired: Bool
    /// Its prefetch limit; 0 is none.
    public var prefetch: Int
    /// The broker's name for its channel, e.g. `172.18.0.5:43210 -> 172.18.0.2:5672 (1)`;
    /// `nil` when the source does not say.
    public var channelName: String?
    /// Its channel's number on the connection.
    public var channelNumber: Int?
    /// The broker's name for its connection.
    public var connectionName: String?
    /// The client's address.
    public var peerHost: String?
    /// The client's port.
    public var peerPort: Int?

    public init(
        queue: String,
        tag: String,
        acknowledgementRequired: Bool,
        prefetch: Int,
        channelName: String? = nil,
        channelNumber: Int? = nil,
        connectionName: String? = nil,
        peerHost: String? = nil,
        peerPort: Int? = nil
    ) {
        self.queue = queue
        self.tag = tag
        self.acknowledgementRequired = acknowledgementRequired
        self.prefetch = prefetch
        self.channelName = channelName
        self.channelNumber = channelNumber
        self.connectionName = connectionName
        self.peerHost = peerHost
        self.peerPort = peerPort
    }
}
