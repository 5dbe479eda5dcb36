/// One exchange as the management API reports it.
public struct ExchangeStatus: Sendable, Codable, Hashable {
    /// How an exchange routes.
    public enum Kind: ManagementTerm {
        case direct
        case fanout
        case topic
        case headers
        /// A plugin's type (e.g. `x-delayed-message`) or one this lab does not know.
        case other(String)

        public init(text: String) {
            switch text {
            case "direct": self = .direct
            case "fanout": self = .fanout
            case "topic": self = .topic
            case "headers": self = .headers
            default: self = .other(text)
            }
        }

        public var text: String {
            switch self {
            case .direct: "direct"
            case .fanout: "fanout"
            case .topic: "topic"
            case .headers: "headers"
            case .other(let text): text
            }
        }
    }

    /// The exchange's name; the default exchange is `""`.
    public var name: String
    /// Its type.
    public var type: Kind
    /// Whether it survives a broker restart.
    public var durable: Bool
    /// Whether it goes away with its last binding.
    public var autoDelete: Bool
    /// Whether clients may not publish to it directly.
    public var `internal`: Bool
    /// Its declaration arguments, values as text.
    public var arguments: [String: String]

    public init(name: String, type: Kind, durable: Bool, autoDelete: Bool = false, internal: Bool = false, arguments: [String: String] = [:]) {
        self.name = name
        self.type = type
        self.durable = durable
        self.autoDelete = autoDelete
        self.internal = `internal`
        self.arguments = arguments
    }
}
