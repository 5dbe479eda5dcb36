/// Where and how to connect to a broker.
///
/// Every blocking step of a connection has a deadline taken from here: the TCP connect and the
/// AMQP handshake use `connectTimeout`, every synchronous method (declare, bind, qos, ...) uses
/// `operationTimeout`.
public struct AMQPConfiguration: Sendable, Codable, Hashable {
    /// Host name or address of the broker.
    public var host: String
    /// TCP port of the broker's AMQP listener.
    public var port: Int
    /// User name for SASL PLAIN.
    public var username: String
    /// Password for SASL PLAIN.
    public var password: String
    /// Virtual host to open.
    public var virtualHost: String
    /// Heartbeat interval proposed to the broker, whole seconds; zero disables heartbeats.
    public var heartbeat: Duration
    /// Deadline for the TCP connect and for the AMQP handshake (login), each.
    public var connectTimeout: Duration
    /// Deadline for each synchronous AMQP method and for each write to the socket.
    public var operationTimeout: Duration
    /// Sent as the client property `connection_name`, shown by the broker's management tools.
    public var connectionName: String?

    /// Creates a configuration; the defaults match a broker on the loopback interface.
    public init(
        host: String = "127.0.0.1",
        port: Int = 5672,
        username: String = "guest",
        password: String = "guest",
        virtualHost: String = "/",
        heartbeat: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(5),
        operationTimeout: Duration = .seconds(10),
        connectionName: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeat = heartbeat
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.connectionName = connectionName
    }

    /// `host:port`, as used in error messages.
    public var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

extension AMQPConfiguration: CustomStringConvertible {
    /// A summary without the password.
    public var description: String {
        "amqp://\(username)@\(endpoint)\(virtualHost == "/" ? "/" : "/" + virtualHost)"
    }
}
