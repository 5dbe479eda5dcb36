/// One entry point as Traefik's API (`/api/entrypoints`) reports it.
public struct TraefikAPIEntryPoint: Sendable, Codable, Hashable {
    /// Its name, e.g. `websecure`.
    public var name: String
    /// Where it listens inside the container, e.g. `:443`, `0.0.0.0:80/tcp`.
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// The TCP port it listens on; `nil` for a UDP entry point or an address without a port.
    public var port: Int? {
        var text = Substring(address)
        if let slash = text.lastIndex(of: "/") {
            guard text[text.index(after: slash)...].lowercased() == "tcp" else { return nil }
            text = text[..<slash]
        }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        return Int(text[text.index(after: colon)...])
    }
}
