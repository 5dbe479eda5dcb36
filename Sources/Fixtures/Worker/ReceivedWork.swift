import AMQPClient
import Foundation

/// A delivery's body read as a ``WorkMessage``, leniently: messages published by other
/// clients may leave fields out. The id falls back to the AMQP `message_id`.
struct ReceivedWork: Sendable, Hashable {
    var id: String
    var text: String
    var workMilliseconds: Int
    var poison: Bool

    /// nil when the body is not a JSON object or a field has the wrong type.
    init?(_ delivery: AMQPMessage) {
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(delivery.body)) else { return nil }
        id = body.id ?? delivery.properties.messageID ?? "unknown"
        text = body.message ?? ""
        workMilliseconds = min(max(body.workMilliseconds ?? 0, 0), WorkMessage.maximumWorkMilliseconds)
        poison = body.poison ?? false
    }

    private struct Body: Decodable {
        var id: String?
        var message: String?
        var workMilliseconds: Int?
        var poison: Bool?

        enum CodingKeys: String, CodingKey {
            case id, message, poison
            case workMilliseconds = "work_ms"
        }
    }
}
