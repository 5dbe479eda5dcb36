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

    /// The exchange ("" for the default exchange).
    var exchange: String
    var routingKey: String
    var format: BodyFormat
    /// The message dict's keys in order, each with its value when the code spells it as a
    /// literal string.
    var fields: [(key: String, literal: String?)]
    /// Whether the call (or its file) asks for delivery mode 2.
    var persistent: Bool
    /// Where the call is.
    var place: String

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.exchange == rhs.exchange && lhs.routingKey == rhs.routingKey && lhs.format == rhs.format
            && lhs.fields.map(\.key) == rhs.fields.map(\.key) && lhs.fields.map(\.literal) == rhs.fields.map(\.literal)
            && lhs.persistent == rhs.persistent && lhs.place == rhs.place
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(exchange)
        hasher.combine(routingKey)
        hasher.combine(place)
    }

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
