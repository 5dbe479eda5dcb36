public import Foundation

/// One entry of a dead-lettered message's `x-death` header: why and from where the broker
/// dead-lettered it. The header lists the newest first.
public struct DeadLetter: Sendable, Codable, Hashable {
    /// The queue the message was dead-lettered from.
    public var queue: String
    /// `rejected`, `expired`, `maxlen` or `delivery_limit`.
    public var reason: String
    /// How many times it was dead-lettered from that queue for that reason.
    public var count: Int
    /// The exchange it had been published to.
    public var exchange: String?

    public init(queue: String, reason: String, count: Int, exchange: String? = nil) {
        self.queue = queue
        self.reason = reason
        self.count = count
        self.exchange = exchange
    }

    public var description: String {
        "queue \(queue), reason \(reason), count \(count)"
    }
}

/// A message found in a dead-letter queue.
public struct DeadLetteredMessage: Sendable, Codable, Hashable {
    /// Its body as text.
    public var body: String
    /// Its `x-death` entries, newest first; empty when the header is missing.
    public var deaths: [DeadLetter]
    /// When the lab took it off the queue.
    public var foundAt: Date

    public init(body: String, deaths: [DeadLetter], foundAt: Date = Date()) {
        self.body = body
        self.deaths = deaths
        self.foundAt = foundAt
    }

    /// Whether the body carries `token` (the lab's tokens are unique and greppable).
    public func carries(_ token: String) -> Bool {
        body.contains(token)
    }
}
