/// One AMQP channel as the broker reports it, with the client it belongs to.
public struct ChannelStatus: Sendable, Codable, Hashable {
    /// What the channel has done since it opened (`message_stats`). The management API
    /// refreshes these every statistics interval (5 s by default), so they trail the channel.
    public struct MessageCounts: Sendable, Codable, Hashable {
        /// Deliveries to consumers that acknowledge (`deliver`).
        public var deliver: Int
        /// Deliveries to auto-ack consumers (`deliver_no_ack`).
        public var deliverNoAck: Int
        /// Acknowledgements received (`ack`).
        public var ack: Int
        /// Deliveries that were redeliveries (`redeliver`).
        public var redeliver: Int
        /// Messages fetched with `basic.get` expecting an acknowledgement (`get`).
        public var get: Int
        /// Messages fetched with `basic.get` without acknowledgement (`get_no_ack`).
        public var getNoAck: Int

        public init(deliver: Int = 0, deliverNoAck: Int = 0, ack: Int = 0, redeliver: Int = 0, get: Int = 0, getNoAck: Int = 0) {
            self.deliver = deliver
            self.deliverNoAck = deliverNoAck
            self.ack = ack
            self.redeliver = redeliver
            self.get = get
            self.getNoAck = getNoAck
        }
    }

    /// The broker's name for the channel: `<client ip>:<port> -> <broker ip>:<port> (<number>)`.
    public var name: String
    /// The client's IP address, read from the name.
    public var clientAddress: String
    /// The broker user the connection logged in as.
    public var user: String
    /// The per-consumer prefetch limit (`basic.qos` with global=false); 0 means unlimited.
    public var prefetch: Int
    /// The channel-wide prefetch limit (`basic.qos` with global=true); 0 means none.
    public var globalPrefetch: Int
    /// Deliveries on the channel not yet acknowledged.
    public var unacknowledged: Int
    /// Consumers on the channel.
    public var consumers: Int
    /// The broker's name for the channel's connection; `nil` when the source does not say.
    public var connectionName: String?
    /// The channel's number on its connection.
    public var number: Int?
    /// The client's address as the broker saw the connection.
    public var peerHost: String?
    /// The client's port.
    public var peerPort: Int?
    /// What the channel has done since it opened; zeros when the source does not say.
    public var counts: MessageCounts

    public init(
        name: String,
        clientAddress: String,
        user: String,
        prefetch: Int,
        globalPrefetch: Int,
        unacknowledged: Int,
        consumers: Int,
        connectionName: String? = nil,
        number: Int? = nil,
        peerHost: String? = nil,
        peerPort: Int? = nil,
        counts: MessageCounts = MessageCounts()
    ) {
        self.name = name
        self.clientAddress = clientAddress
        self.user = user
        self.prefetch = prefetch
        self.globalPrefetch = globalPrefetch
        self.unacknowledged = unacknowledged
        self.consumers = consumers
        self.connectionName = connectionName
        self.number = number
        self.peerHost = peerHost
        self.peerPort = peerPort
        self.counts = counts
    }

    /// The client's address from a channel or connection name such as
    /// `172.18.0.5:43210 -> 172.18.0.2:5672 (1)`.
    static func clientAddress(fromName name: String) -> String {
        let client = name.split(separator: " ").first.map(String.init) ?? name
        guard let colon = client.lastIndex(of: ":") else { return client }
        return String(client[..<colon])
    }
}
