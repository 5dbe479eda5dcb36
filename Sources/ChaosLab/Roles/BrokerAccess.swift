public import AMQPClient

/// How the lab reaches a stack's broker from the host, as a client of its own: to read the
/// dead-letter queue, to publish messages the API cannot (a per-message TTL), and to try the
/// logins a security check must see refused.
public struct BrokerAccess: Sendable, Codable, Hashable {
    /// Host of the published AMQP port, e.g. `127.0.0.1`.
    public var host: String
    /// The published AMQP port.
    public var amqpPort: Int
    /// The management API's base URL from the host, e.g. `http://127.0.0.1:15672`, if published.
    public var managementURL: String?
    /// The stack's own broker user.
    public var user: String
    public var password: String
    /// The virtual host the stack uses.
    public var virtualHost: String

    public init(host: String = "127.0.0.1", amqpPort: Int = 5672, managementURL: String? = nil, user: String, password: String, virtualHost: String = "/") {
        self.host = host
        self.amqpPort = amqpPort
        self.managementURL = managementURL
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
    }

    /// A client configuration for the stack's user, or for other credentials.
    public func configuration(user: String? = nil, password: String? = nil, connectionName: String) -> AMQPConfiguration {
        AMQPConfiguration(
            host: host,
            port: amqpPort,
            username: user ?? self.user,
            password: password ?? self.password,
            virtualHost: virtualHost,
            heartbeat: .seconds(10),
            connectTimeout: .seconds(5),
            operationTimeout: .seconds(10),
            connectionName: connectionName
        )
    }
}
