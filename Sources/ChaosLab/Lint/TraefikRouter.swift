/// A router declared by a container's labels (`traefik.http.routers.NAME.…`).
public struct TraefikRouter: Sendable, Hashable {
    public var protocolKind: RouterProtocol
    /// The router's name as written in its labels.
    public var name: String
    /// Every label of this router, by its option (`rule`, `entrypoints`, `tls.certresolver` …)
    /// lower-cased.
    public var options: [String: TraefikLabel]

    public init(protocolKind: RouterProtocol, name: String, options: [String: TraefikLabel] = [:]) {
        self.protocolKind = protocolKind
        self.name = name
        self.options = options
    }

    /// The label key this router's `option` has or would have.
    public func key(_ option: String) -> String {
        "traefik.\(protocolKind.rawValue).routers.\(name).\(option)"
    }

    /// The `rule` label.
    public var rule: TraefikLabel? { options["rule"] }
    /// The `entrypoints` label.
    public var entryPoints: TraefikLabel? { options["entrypoints"] }
    /// The `middlewares` label.
    public var middlewares: TraefikLabel? { options["middlewares"] }
    /// The `service` label.
    public var service: TraefikLabel? { options["service"] }
    /// The `tls.certresolver` label.
    public var certResolver: TraefikLabel? { options["tls.certresolver"] }

    /// The first line any of its labels is on.
    public var firstLine: Int? {
        options.values.compactMap(\.line).min()
    }

    /// Whether the router turns TLS on: `tls=true`, or any `tls.…` option.
    public var enablesTLS: Bool {
        if let tls = options["tls"], tls.boolValue == true { return true }
        return options.keys.contains { $0.hasPrefix("tls.") }
    }
}
