/// One message a worker finished with, as the reference fixtures record it: a JSON line in
/// `messages.log` on the workers' shared volume.
public struct WorkerRecord: Sendable, Codable, Hashable {
    /// What the worker did with the message at the end.
    public enum Outcome: String, Sendable, Codable, Hashable {
        /// Processed and acknowledged.
        case acked
        /// Rejected without requeue (dead-lettered when the queue has a dead-letter exchange).
        case rejected
        /// Rejected or nacked back onto the queue.
        case requeued

        /// The same outcome in the words of a delivery.
        public var deliveryOutcome: DeliveryOutcome {
            switch self {
            case .acked: .acked
            case .rejected: .rejected
            case .requeued: .requeued
            }
        }
    }

    /// The worker's id, e.g. `worker1`.
    public var worker: String
    /// The message id the API assigned.
    public var id: String
    /// The message text.
    public var message: String
    /// Whether the broker flagged the delivery as a redelivery.
    public var redelivered: Bool
    /// What the worker did with it.
    public var outcome: Outcome
    /// When the worker started on it (ISO 8601, milliseconds).
    public var startedAt: String
    /// When the worker was done with it.
    public var finishedAt: String

    enum CodingKeys: String, CodingKey {
        case worker, id, message, redelivered, outcome
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    public init(
        worker: String,
        id: String,
        message: String,
        redelivered: Bool,
        outcome: Outcome,
        startedAt: String,
        finishedAt: String
    ) {
        self.worker = worker
        self.id = id
        self.message = message
        self.redelivered = redelivered
        self.outcome = outcome
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
