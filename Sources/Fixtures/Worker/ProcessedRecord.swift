/// One line of `messages.log`: what a worker did with one message.
struct ProcessedRecord: Sendable, Codable, Hashable {
    /// What the worker did with the message in the end.
    enum Outcome: String, Sendable, Codable, Hashable {
        /// Processed and acknowledged.
        case acked
        /// Rejected without requeue: dead-lettered when the queue has a dead-letter exchange.
        case rejected
        /// Rejected back onto the queue.
        case requeued
    }

    var worker: String
    var id: String
    var message: String
    var redelivered: Bool
    var outcome: Outcome
    var startedAt: String
    var finishedAt: String

    enum CodingKeys: String, CodingKey {
        case worker, id, message, redelivered, outcome
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    /// The record as one JSON object without line breaks, fields in the contract's order.
    var jsonLine: String {
        JSONText.object([
            "worker": JSONText.quoted(worker),
            "id": JSONText.quoted(id),
            "message": JSONText.quoted(message),
            "redelivered": redelivered ? "true" : "false",
            "outcome": JSONText.quoted(outcome.rawValue),
            "started_at": JSONText.quoted(startedAt),
            "finished_at": JSONText.quoted(finishedAt),
        ])
    }
}
