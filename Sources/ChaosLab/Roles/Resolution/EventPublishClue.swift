/// How a producer's code publishes an event, read from its `basic_publish(...)` call and the
/// dict it sends: enough for the lab to publish the same events in its place.
struct EventPublishClue: Sendable, Hashable {
    /// How the body is written out.
    enum BodyFormat: String, Sendable, Hashable {
        /// `json.dumps(message)`.
        case json
        /// `str(message)`: Python's repr of the dict, single-quoted.
        case pythonDict
    }

    /// One `"key": value` pair of the message dict.
    struct Field: Sendable, Hashable {
        var key: String
        /// The value when the code spells it as a literal string.
        var literal: String?
        /// The value's expression as written (`SERVICE_ID`, `datetime.now().isoformat()`).
        var expression: String
        /// The environment variable the value comes from, when it does.
        var environment: EnvironmentRead?
    }

    /// A value read from the environment: `os.getenv("SERVICE_ID", "app1")`.
    struct EnvironmentRead: Sendable, Hashable {
        var variable: String
        /// The default the code falls back on when the variable is unset.
        var fallback: String?
    }

    /// The exchange ("" for the default exchange).
    var exchange: String
    var routingKey: String
    var format: BodyFormat
    /// The message dict's fields in order.
    var fields: [Field]
    /// Whether the call (or its file) asks for delivery mode 2.
    var persistent: Bool
    /// Where the call is.
    var place: String

    /// The body template with `{{token}}` as `key`'s value, the other fields as the code has
    /// them where it spells them out, and a stand-in where it computes them (a timestamp, an
    /// id): the format the consumer parses, with the lab's key where it counts by.
    func bodyTemplate(key: String) -> String {
        let quote = format == .json ? "\"" : "'"
        let pairs = fields.map { field -> String in
            let value = field.key == key ? "{{token}}" : (field.literal ?? Self.standIn(for: field.key))
            return "\(quote)\(Self.escaped(field.key, quote))\(quote): \(quote)\(value == "{{token}}" ? value : Self.escaped(value, quote))\(quote)"
        }
        return "{" + pairs.joined(separator: ", ") + "}"
    }

    /// A value for a field the code computes: a time for a field named like one, else text.
    static func standIn(for key: String) -> String {
        let lower = key.lowercased()
        return ["time", "fecha", "hora", "date", "ts"].contains(where: lower.contains) ? "2026-01-01 00:00:00" : "x"
    }

    private static func escaped(_ text: String, _ quote: String) -> String {
        text.replacing("\\", with: "\\\\").replacing(quote, with: "\\" + quote)
    }
}
