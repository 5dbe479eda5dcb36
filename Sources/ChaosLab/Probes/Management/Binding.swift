/// One binding from an exchange to a queue or another exchange.
public struct Binding: Sendable, Codable, Hashable {
    /// What a binding leads to.
    public enum DestinationType: ManagementTerm {
        case queue
        case exchange
        /// A kind this lab does not know, as written.
        case other(String)

        public init(text: String) {
            switch text {
            case "queue": self = .queue
            case "exchange": self = .exchange
            default: self = .other(text)
            }
        }

        public var text: String {
            switch self {
            case .queue: "queue"
            case .exchange: "exchange"
            case .other(let text): text
            }
        }
    }

    /// The exchange messages come from; empty for the default exchange.
    public var source: String
    /// The queue or exchange they go to.
    public var destination: String
    /// Whether ``destination`` is a queue or an exchange.
    public var destinationType: DestinationType
    /// The binding key.
    public var routingKey: String
    /// The binding's arguments (headers exchanges match on them), values as text.
    public var arguments: [String: String]

    public init(source: String, destination: String, destinationType: DestinationType, routingKey: String, arguments: [String: String] = [:]) {
        self.source = source
        self.destination = destination
        self.destinationType = destinationType
        self.routingKey = routingKey
        self.arguments = arguments
    }
}
