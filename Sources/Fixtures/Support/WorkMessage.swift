/// The body the API publishes and the workers consume (JSON).
struct WorkMessage: Sendable, Codable, Hashable {
    /// Longest simulated work a message may ask for, in milliseconds (ten minutes).
    static let maximumWorkMilliseconds = 600_000

    /// The message id; also the AMQP `message_id` property.
    var id: String
    /// The client's text.
    var message: String
    /// How long the worker pretends to work on it.
    var workMilliseconds: Int
    /// Whether the worker must refuse it (it is then dead-lettered).
    var poison: Bool
    /// When the API published it (ISO 8601 with milliseconds).
    var sentAt: String

    enum CodingKeys: String, CodingKey {
        case id, message, poison
        case workMilliseconds = "work_ms"
        case sentAt = "sent_at"
    }

    /// What Python's `str()` of the message's dict reads like: the `non-json-body` knob's body,
    /// which no JSON parser accepts. Quotes inside the text are not escaped, as `str()` would.
    var pythonReprBody: [UInt8] {
        Array("{'id': '\(id)', 'message': '\(message)', 'work_ms': \(workMilliseconds), 'poison': \(poison ? "True" : "False")}".utf8)
    }

    /// The JSON body, fields in the contract's order so that a person reading the queue sees
    /// them as documented.
    var jsonBody: [UInt8] {
        Array(JSONText.object([
            "id": JSONText.quoted(id),
            "message": JSONText.quoted(message),
            "work_ms": String(workMilliseconds),
            "poison": poison ? "true" : "false",
            "sent_at": JSONText.quoted(sentAt),
        ]).utf8)
    }
}
