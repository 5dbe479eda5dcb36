/// A policy of the virtual host: settings applied to every queue or exchange whose name
/// matches a pattern. Of several matching policies the broker applies the one with the highest
/// priority, and only that one.
public struct Policy: Sendable, Codable, Hashable {
    /// What a policy applies to (`apply-to`).
    public enum Target: ManagementTerm {
        case queues
        case exchanges
        /// Queues and exchanges (`all`).
        case all
        /// A narrower target of newer brokers (`classic_queues`, `quorum_queues`, `streams`)
        /// or one this lab does not know, as written.
        case other(String)

        public init(text: String) {
            switch text {
            case "queues": self = .queues
            case "exchanges": self = .exchanges
            case "all": self = .all
            default: self = .other(text)
            }
        }

        public var text: String {
            switch self {
            case .queues: "queues"
            case .exchanges: "exchanges"
            case .all: "all"
            case .other(let text): text
            }
        }

        /// Whether the policy can apply to a queue.
        public var coversQueues: Bool {
            switch self {
            case .queues, .all: true
            case .exchanges: false
            case .other(let text): text.hasSuffix("queues") || text == "streams"
            }
        }
    }

    /// The policy's name.
    public var name: String
    /// The regular expression queue or exchange names are matched against.
    public var pattern: String
    /// What it applies to.
    public var applyTo: Target
    /// Its settings (`dead-letter-exchange`, `max-length`, …), values as text.
    public var definition: [String: String]
    /// Its priority; the highest of the matching policies wins.
    public var priority: Int

    public init(name: String, pattern: String, applyTo: Target, definition: [String: String], priority: Int = 0) {
        self.name = name
        self.pattern = pattern
        self.applyTo = applyTo
        self.definition = definition
        self.priority = priority
    }
}
