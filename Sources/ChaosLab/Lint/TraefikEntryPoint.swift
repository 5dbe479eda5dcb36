/// An entry point of Traefik's static configuration.
public struct TraefikEntryPoint: Sendable, Hashable {
    /// The name routers refer to.
    public var name: String
    /// The listening address (`:443`), if given.
    public var address: String?
    /// Whether the entry point turns TLS on for every router on it (`http.tls` or any
    /// `http.tls.…` option).
    public var tlsByDefault: Bool
    /// The certificate resolver the entry point gives its routers, if any.
    public var certResolver: TraefikSetting?
    /// Whether Traefik made it up: `http` on :80 when none is declared, `traefik` on :8080 for
    /// the insecure API or ping.
    public var isImplicit: Bool

    public init(name: String, address: String? = nil, tlsByDefault: Bool = false, certResolver: TraefikSetting? = nil, isImplicit: Bool = false) {
        self.name = name
        self.address = address
        self.tlsByDefault = tlsByDefault
        self.certResolver = certResolver
        self.isImplicit = isImplicit
    }

    /// The port of ``address`` (`:443/tcp` → 443).
    public var port: Int? {
        guard let address, let colon = address.lastIndex(of: ":") else { return nil }
        let rest = address[address.index(after: colon)...]
        return Int(rest.prefix { $0.isNumber })
    }

    /// Whether clients will speak TLS to it: port 443, or named `websecure` or `https`.
    public var expectsTLS: Bool {
        port == 443 || ["websecure", "https"].contains(name.lowercased())
    }
}
