/// The login the lab uses for a stack's broker, wherever it reaches it: the stack's own broker
/// user, as declared or inferred.
public struct BrokerCredentials: Sendable, Codable, Hashable {
    public var user: String
    public var password: String
    /// The virtual host the stack uses.
    public var virtualHost: String

    public init(user: String, password: String, virtualHost: String = "/") {
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
    }
}
