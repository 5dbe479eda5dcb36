/// One AMQP channel as the broker reports it, with the client it belongs to.
public struct ChannelStatus: Sendable, Codable, Hashable {
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

    public init(name: String, clientAddress: String, user: String, prefetch: Int, globalPrefetch: Int, unacknowledged: Int, consumers: Int) {
        self.name = name
        self.clientAddress = clientAddress
        self.user = user
        self.prefetch = prefetch
        self.globalPrefetch = globalPrefetch
        self.unacknowledged = unacknowledged
        self.consumers = consumers
    }

    /// The client's address from a channel or connection name such as
    /// `172.18.0.5:43210 -> 172.18.0.2:5672 (1)`.
    static func clientAddress(fromName name: String) -> String {
        let client = name.split(separator: " ").first.map(String.init) ?? name
        guard let colon = client.lastIndex(of: ":") else { return client }
        return String(client[..<colon])
    }
}
