/// A load-balancer service declared by a container's labels (`traefik.http.services.NAME.…`).
public struct TraefikServiceDefinition: Sendable, Hashable {
    public var protocolKind: RouterProtocol
    /// The service's name as written.
    public var name: String
    /// Every label of this service, by its option lower-cased (`loadbalancer.server.port` …).
    public var options: [String: TraefikLabel]

    public init(protocolKind: RouterProtocol, name: String, options: [String: TraefikLabel] = [:]) {
        self.protocolKind = protocolKind
        self.name = name
        self.options = options
    }

    /// The first line any of its labels is on.
    public var firstLine: Int? {
        options.values.compactMap(\.line).min()
    }

    /// Whether the service says where its server is: a port, or (HTTP) a whole URL.
    public var hasServerAddress: Bool {
        options["loadbalancer.server.port"] != nil || options["loadbalancer.server.url"] != nil
            || options.keys.contains { $0.hasPrefix("weighted.") || $0.hasPrefix("mirroring.") || $0.hasPrefix("failover.") }
    }
}
