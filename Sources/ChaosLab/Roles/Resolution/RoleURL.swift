/// Base URLs as the lab joins them with paths: `http` or `https`, a host, no default port and
/// no trailing slash, so `http://127.0.0.1:80/` and `http://127.0.0.1` are the same address.
enum RoleURL {
    /// The normalised URL, or `nil` when `text` is not an `http://` or `https://` URL with a host.
    static func normalized(_ text: String) -> String? {
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[separator.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = String(rest[..<slash])
        var path = String(rest[slash...])
        guard !authority.isEmpty, !authority.contains(where: \.isWhitespace), !path.contains(where: \.isWhitespace) else {
            return nil
        }
        let defaultPort = scheme == "http" ? ":80" : ":443"
        if authority.hasSuffix(defaultPort) {
            authority.removeLast(defaultPort.count)
        }
        guard !authority.isEmpty, !authority.hasSuffix(":") else { return nil }
        while path.hasSuffix("/") {
            path.removeLast()
        }
        return "\(scheme)://\(authority)\(path)"
    }

    /// `http://HOST:PORT` (normalised) for a port published on `hostIP`; a port bound to every
    /// address is reached on 127.0.0.1.
    static func published(scheme: String = "http", hostIP: String?, port: Int) -> String {
        let host: String
        switch hostIP {
        case nil, "", "0.0.0.0", "::", "[::]":
            host = "127.0.0.1"
        case let address? where address.contains(":"):
            host = "[\(address)]"
        case let address?:
            host = address
        }
        return normalized("\(scheme)://\(host):\(port)") ?? "\(scheme)://\(host):\(port)"
    }
}
