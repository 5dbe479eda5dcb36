/// The stack's reverse proxy (Traefik) and what it must route.
public struct ProxyRole: Sendable, Codable, Hashable {
    /// The proxy's service.
    public var service: String
    /// The plain HTTP entrypoint from the host, e.g. `http://127.0.0.1`.
    public var baseURL: String
    /// The TLS entrypoint from the host, e.g. `https://127.0.0.1`, when there is one.
    public var secureBaseURL: String?
    /// Traefik's API (the dashboard's backend) from the host, e.g. `http://127.0.0.1:8080`.
    public var dashboardURL: String?
    /// Paths the proxy must route, and what each must answer.
    public var routes: [ProxyRoute]

    public init(service: String, baseURL: String, secureBaseURL: String? = nil, dashboardURL: String? = nil, routes: [ProxyRoute] = []) {
        self.service = service
        self.baseURL = baseURL
        self.secureBaseURL = secureBaseURL
        self.dashboardURL = dashboardURL
        self.routes = routes
    }
}

/// One path a proxy must route: a GET of it must answer `status`, with `bodyContains` in
/// the body when given.
public struct ProxyRoute: Sendable, Codable, Hashable {
    /// The path requested, e.g. `/monitor/`.
    public var path: String
    /// What it leads to, in words, e.g. "the management UI".
    public var target: String
    public var status: Int
    public var bodyContains: String?

    public init(path: String, target: String, status: Int = 200, bodyContains: String? = nil) {
        self.path = path
        self.target = target
        self.status = status
        self.bodyContains = bodyContains
    }
}
