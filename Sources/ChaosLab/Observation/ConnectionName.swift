/// An AMQP connection as the broker names it, `172.21.0.4:52318 -> 172.21.0.2:5672`: the
/// client's address and port, then the broker's. The firehose and the management API use the
/// same text, and the client's address names the container it came from.
public struct ConnectionName: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The broker's text, as is.
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    /// The client's address (IPv4, or IPv6 without brackets).
    public var peerHost: String {
        let client = text.components(separatedBy: " -> ").first ?? text
        guard let colon = client.lastIndex(of: ":") else { return client }
        return String(client[..<colon]).trimmingBrackets
    }

    /// The client's port, when the name carries one.
    public var peerPort: Int? {
        let client = text.components(separatedBy: " -> ").first ?? text
        return client.lastIndex(of: ":").flatMap { Int(client[client.index(after: $0)...]) }
    }

    public var description: String { text }

    public static func < (left: Self, right: Self) -> Bool {
        left.text < right.text
    }
}

extension String {
    fileprivate var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
