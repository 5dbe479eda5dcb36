/// One HTTP service as Traefik's API (`/api/http/services`) reports it: enough to see which
/// containers its load balancer sends requests to.
public struct TraefikAPIService: Sendable, Codable, Hashable {
    /// A load balancer's settings.
    public struct LoadBalancer: Sendable, Codable, Hashable {
        /// One server behind it.
        public struct Server: Sendable, Codable, Hashable {
            /// E.g. `http://172.18.0.5:8000`.
            public var url: String?

            public init(url: String?) {
                self.url = url
            }
        }

        public var servers: [Server]?

        public init(servers: [Server]?) {
            self.servers = servers
        }
    }

    /// The name with its provider, e.g. `api@docker`.
    public var name: String
    public var loadBalancer: LoadBalancer?

    public init(name: String, loadBalancer: LoadBalancer? = nil) {
        self.name = name
        self.loadBalancer = loadBalancer
    }

    /// The host part of each server's URL, e.g. `172.18.0.5`.
    public var serverHosts: [String] {
        (loadBalancer?.servers ?? []).compactMap { server in
            server.url.flatMap { url in
                let rest = url.split(separator: "://", maxSplits: 1).last.map(String.init) ?? url
                let authority = rest.prefix { $0 != "/" }
                if authority.hasPrefix("[") { return authority.dropFirst().prefix { $0 != "]" }.description }
                return authority.prefix { $0 != ":" }.description
            }
        }
    }
}
