/// One published port of a service, from the short (`"127.0.0.1:8000:8000/tcp"`) or the long
/// (`target:`, `published:`, `host_ip:`, `protocol:`) syntax.
public struct ComposePort: Sendable, Hashable, Codable {
    /// The host address the port is bound to; `nil` means every address.
    public var hostIP: String?
    /// The host port or range (`"8000"`, `"8000-8010"`); `nil` lets Docker choose.
    public var published: String?
    /// The container port or range.
    public var target: String
    /// `tcp` or `udp`.
    public var `protocol`: String

    public init(hostIP: String? = nil, published: String? = nil, target: String, protocol: String = "tcp") {
        self.hostIP = hostIP
        self.published = published
        self.target = target
        self.protocol = `protocol`
    }

    /// The host port when it is a single number.
    public var publishedPort: Int? {
        published.flatMap { Int($0) }
    }

    /// The container port when it is a single number.
    public var targetPort: Int? {
        Int(target)
    }

    /// Reads the short syntax: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, where an IPv6
    /// host address is written in brackets.
    public init?(shortSyntax text: String) {
        var rest = Substring(text)
        var proto = "tcp"
        if let slash = rest.lastIndex(of: "/") {
            proto = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        var hostIP: String?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            hostIP = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let published: String?
        let target: String
        switch (parts.count, hostIP) {
        case (1, nil):
            published = nil
            target = parts[0]
        case (2, _):
            published = parts[0].isEmpty ? nil : parts[0]
            target = parts[1]
        case (3, nil):
            hostIP = parts[0]
            published = parts[1].isEmpty ? nil : parts[1]
            target = parts[2]
        default:
            return nil
        }
        let portText = { (text: String) in
            !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
        }
        guard portText(target), published.map(portText) ?? true, ["tcp", "udp", "sctp"].contains(proto) else {
            return nil
        }
        self.init(hostIP: hostIP, published: published, target: target, protocol: proto)
    }
}
