public import Foundation

/// One AMQP connection as the management API reports it.
public struct ConnectionStatus: Sendable, Codable, Hashable {
    /// Where the connection is in its life, as the broker says.
    public enum State: ManagementTerm {
        /// Handshake under way (`starting`, `tuning`, `opening`).
        case opening
        /// Open and usable.
        case running
        /// Publishers held back by flow control (`flow`).
        case flow
        /// Blocked by a resource alarm (`blocking`, `blocked`).
        case blocked
        /// Going away (`closing`, `closed`).
        case closing
        /// A state this lab does not know, as written.
        case other(String)

        public init(text: String) {
            switch text {
            case "starting", "tuning", "opening": self = .opening
            case "running": self = .running
            case "flow": self = .flow
            case "blocking", "blocked": self = .blocked
            case "closing", "closed": self = .closing
            default: self = .other(text)
            }
        }

        public var text: String {
            switch self {
            case .opening: "opening"
            case .running: "running"
            case .flow: "flow"
            case .blocked: "blocked"
            case .closing: "closing"
            case .other(let text): text
            }
        }
    }

    /// The broker's name for it: `<client ip>:<port> -> <broker ip>:<port>`.
    public var name: String
    /// The client's address.
    public var peerHost: String
    /// The client's port; `nil` when not given.
    public var peerPort: Int?
    /// The broker user it logged in as.
    public var user: String
    /// The name the client gave itself (`client_properties.connection_name`), if any.
    public var clientProvidedName: String?
    /// When it was opened, if given.
    public var connectedAt: Date?
    /// Its state; `nil` when not given.
    public var state: State?
    /// Channels open on it.
    public var channels: Int

    public init(name: String, peerHost: String, peerPort: Int? = nil, user: String, clientProvidedName: String? = nil, connectedAt: Date? = nil, state: State? = nil, channels: Int = 0) {
        self.name = name
        self.peerHost = peerHost
        self.peerPort = peerPort
        self.user = user
        self.clientProvidedName = clientProvidedName
        self.connectedAt = connectedAt
        self.state = state
        self.channels = channels
    }
}
