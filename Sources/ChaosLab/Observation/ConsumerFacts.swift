/// What the broker says about one consumer channel: how many deliveries it may hold and
/// whether it acknowledges them. Read from the management API's consumers and channels (or
/// `rabbitmqctl` when the management plugin is off).
public struct ConsumerFacts: Sendable, Codable, Hashable {
    /// The channel the consumer is on.
    public var channel: ChannelAddress
    /// The queue it consumes.
    public var queue: String
    /// Its own prefetch limit (`basic.qos` with global=false); 0 is none.
    public var prefetch: Int
    /// The channel-wide limit (`basic.qos` with global=true); 0 is none.
    public var globalPrefetch: Int
    /// Whether the broker waits for an acknowledgement (`false`: auto-ack).
    public var acknowledges: Bool

    public init(channel: ChannelAddress, queue: String, prefetch: Int, globalPrefetch: Int = 0, acknowledges: Bool) {
        self.channel = channel
        self.queue = queue
        self.prefetch = prefetch
        self.globalPrefetch = globalPrefetch
        self.acknowledges = acknowledges
    }

    /// The most unacknowledged deliveries the consumer can hold; `nil` when nothing limits it.
    /// Either limit binds: a channel-wide limit of 1 holds a consumer with no limit of its own
    /// to one delivery too.
    public var effectiveLimit: Int? {
        switch (prefetch, globalPrefetch) {
        case (0, 0): nil
        case (0, let global): global
        case (let own, 0): own
        case (let own, let global): min(own, global)
        }
    }
}
