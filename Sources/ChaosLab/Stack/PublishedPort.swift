/// A container port bound to a host address, as Docker reports it for a running instance.
public struct PublishedPort: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The host address, e.g. `127.0.0.1` or `0.0.0.0`.
    public var hostIP: String
    /// The port on the host.
    public var hostPort: Int
    /// The port inside the container.
    public var containerPort: Int
    /// `tcp` or `udp`.
    public var `protocol`: String

    public init(hostIP: String, hostPort: Int, containerPort: Int, protocol: String = "tcp") {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.protocol = `protocol`
    }

    /// `127.0.0.1:5672->5672/tcp`, as `docker ps` writes it.
    public var description: String {
        let host = hostIP.contains(":") ? "[\(hostIP)]" : hostIP
        return "\(host):\(hostPort)->\(containerPort)/\(`protocol`)"
    }
}
