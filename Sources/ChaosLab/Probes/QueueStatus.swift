/// One queue as the broker reports it.
public struct QueueStatus: Sendable, Codable, Hashable {
    /// The queue's name.
    public var name: String
    /// Whether the queue survives a broker restart.
    public var durable: Bool
    /// Messages ready to be delivered.
    public var ready: Int
    /// Messages delivered and not yet acknowledged.
    public var unacknowledged: Int
    /// Consumers attached to the queue.
    public var consumers: Int
    /// The queue's declaration arguments (`x-dead-letter-exchange`, `x-max-length`, …), values
    /// as text.
    public var arguments: [String: String]
    /// Its kind; `classic` unless the broker says otherwise.
    public var type: QueueType
    /// The policy applied to it, if any.
    public var policy: String?
    /// The operator policy applied to it, if any.
    public var operatorPolicy: String?
    /// The settings its policy and operator policy give it together, keys without `x-`
    /// (`dead-letter-exchange`, `max-length`, …), values as text. See `QueueStatus+Effective`
    /// for how they combine with ``arguments``.
    public var effectivePolicyDefinition: [String: String]
    /// Whether the answer carried the message counts. `false` for a queue listed before its
    /// first statistics (a quorum queue just declared) or with statistics disabled: then
    /// ``ready``, ``unacknowledged`` and ``consumers`` are 0 for want of figures.
    public var countsReported: Bool

    public init(
        name: String,
        durable: Bool,
        ready: Int,
        unacknowledged: Int,
        consumers: Int,
        arguments: [String: String] = [:],
        type: QueueType = .classic,
        policy: String? = nil,
        operatorPolicy: String? = nil,
        effectivePolicyDefinition: [String: String] = [:],
        countsReported: Bool = true
    ) {
        self.name = name
        self.durable = durable
        self.ready = ready
        self.unacknowledged = unacknowledged
        self.consumers = consumers
        self.arguments = arguments
        self.type = type
        self.policy = policy
        self.operatorPolicy = operatorPolicy
        self.effectivePolicyDefinition = effectivePolicyDefinition
        self.countsReported = countsReported
    }

    /// The exchange rejected, expired and overflowing messages go to, if declared.
    public var deadLetterExchange: String? { arguments["x-dead-letter-exchange"] }

    /// The most messages the queue keeps, if declared.
    public var maxLength: Int? { arguments["x-max-length"].flatMap { Int($0) } }

    /// Every message the queue still holds: ready plus unacknowledged.
    public var total: Int { ready + unacknowledged }
}
