/// One consumer of a queue as the broker sees it (`rabbitmqctl list_consumers`).
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

    public init(queue: String, tag: String, acknowledgementRequired: Bool, prefetch: Int) {
        self.queue = queue
        self.tag = tag
        self.acknowledgementRequired = acknowledgementRequired
        self.prefetch = prefetch
    }
}
