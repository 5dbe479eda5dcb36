import Foundation

/// A validated `POST /api/message` body:
/// `{"message": String (non-empty), "id": String?, "work_ms": Int? (0...600000), "poison": Bool?}`.
/// Other fields are ignored; `null` counts as absent.
struct MessageRequest: Sendable, Hashable {
    /// AMQP's `message_id` is a short string: at most 255 bytes.
    static let maximumIDBytes = 255

    var message: String
    var id: String?
    var workMilliseconds: Int?
    var poison: Bool?

    /// Parses and validates a request body.
    ///
    /// - Parameter acceptsEmptyMessage: take a missing or empty `message` as `""` (a fault knob).
    /// - Throws: ``RequestRejection`` (400) with a sentence naming the offending field.
    init(json: [UInt8], acceptsEmptyMessage: Bool = false) throws(RequestRejection) {
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[Decoded.acceptsEmptyMessage] = acceptsEmptyMessage
            self = try decoder.decode(Decoded.self, from: Data(json)).request
        } catch let rejection as RequestRejection {
            throw rejection
        } catch {
            throw .badRequest("The body is not valid JSON.")
        }
    }

    private init(message: String, id: String?, workMilliseconds: Int?, poison: Bool?) {
        self.message = message
        self.id = id
        self.workMilliseconds = workMilliseconds
        self.poison = poison
    }
}

extension MessageRequest {
    /// Decodes field by field so each wrong type gets its own message.
    private struct Decoded: Decodable {
        var request: MessageRequest

        static let acceptsEmptyMessage = CodingUserInfoKey(rawValue: "acceptsEmptyMessage")!

        enum CodingKeys: String, CodingKey {
            case message, id, poison
            case workMilliseconds = "work_ms"
        }

        init(from decoder: any Decoder) throws {
            let container: KeyedDecodingContainer<CodingKeys>
            do {
                container = try decoder.container(keyedBy: CodingKeys.self)
            } catch {
                throw RequestRejection.badRequest("The body must be a JSON object.")
            }
            let lenient = decoder.userInfo[Self.acceptsEmptyMessage] as? Bool ?? false
            let given = try Self.field(String.self, .message, in: container, expected: "a string")
            guard let message = given.flatMap({ $0.isEmpty && !lenient ? nil : $0 }) ?? (lenient ? "" : nil) else {
                throw RequestRejection.badRequest("The field \"message\" is required and must be a non-empty string.")
            }
            let id = try Self.field(String.self, .id, in: container, expected: "a string")
            if let id {
                guard !id.isEmpty, id.utf8.count <= MessageRequest.maximumIDBytes else {
                    throw RequestRejection.badRequest(
                        "The field \"id\" must be a non-empty string of at most \(MessageRequest.maximumIDBytes) bytes.")
                }
            }
            let range = 0...WorkMessage.maximumWorkMilliseconds
            let work = try Self.field(Int.self, .workMilliseconds, in: container, expected: "an integer")
            if let work, !range.contains(work) {
                throw RequestRejection.badRequest(
                    "The field \"work_ms\" must be between \(range.lowerBound) and \(range.upperBound).")
            }
            let poison = try Self.field(Bool.self, .poison, in: container, expected: "true or false")
            request = MessageRequest(message: message, id: id, workMilliseconds: work, poison: poison)
        }

        private static func field<T: Decodable>(
            _ type: T.Type, _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>, expected: String
        ) throws(RequestRejection) -> T? {
            do {
                return try container.decodeIfPresent(type, forKey: key)
            } catch {
                throw .badRequest("The field \"\(key.stringValue)\" must be \(expected).")
            }
        }
    }
}
