import Foundation

extension APIContractCheck {
    /// The API through the proxy, with lines that say how its paths there were found: from
    /// the routers in the API's labels, else from Traefik's API (the routers whose service
    /// sends requests to the API's containers).
    func proxyRoute(api: APIRole, proxiedBaseURL: String, context: CheckContext) async -> (route: Route, lines: [String]) {
        var lines: [String] = []
        var map = TraefikRouteMap()
        var routers: [TraefikAPIRouter] = []
        do {
            let instances = try await context.stack.instances(of: nil)
            map = TraefikRouteMap(instances: instances)
            routers = map.routers(declaredBy: api.service)
            if routers.isEmpty, let dashboard = context.roles.proxy?.dashboardURL {
                let reported = try await TraefikRouteMap.read(from: dashboard, http: context.http)
                map = reported
                routers = reported.routers(leadingTo: Set(instances.filter { $0.service == api.service }.flatMap(\.addresses)))
            }
        } catch {
            lines.append("the routers were not read: \(error)")
        }
        let derived = Self.proxyRoute(api: api, proxiedBaseURL: proxiedBaseURL, routers: routers, map: map)
        return (derived.route, lines + derived.lines)
    }

    /// The proxy route for the API's message and health paths, each asked for the way a router
    /// of the API takes it (its prefix added back where a middleware strips it, an added one
    /// taken off), with the router's host; a path no router reaches is asked for as it is, and
    /// the lines say so.
    static func proxyRoute(api: APIRole, proxiedBaseURL: String, routers: [TraefikAPIRouter], map: TraefikRouteMap) -> (route: Route, lines: [String]) {
        let wantsTLS = proxiedBaseURL.lowercased().hasPrefix("https:")
        let enabled = routers.filter(\.isEnabled)
        let ordered = enabled.filter { ($0.tls != nil) == wantsTLS } + enabled.filter { ($0.tls != nil) != wantsTLS }
        var lines = routers.isEmpty ? ["no router leading to \(api.service) was found"] : routers.map { "router of \(api.service): \($0.summary)" }

        func derive(_ path: String, among candidates: [TraefikAPIRouter]) -> (path: String, router: TraefikAPIRouter)? {
            for router in candidates {
                if let asked = map.requestPath(reaching: path, through: router, host: router.hosts.first) {
                    return (asked, router)
                }
            }
            return nil
        }
        func describe(_ method: String, _ path: String, _ found: (path: String, router: TraefikAPIRouter)?) -> String {
            guard let found else { return "\(method) \(path): no router of \(api.service) takes a path that reaches it, so the proxy is asked for \(path) as it is" }
            return "\(method) \(path) on \(api.service) is \(method) \(found.path) through the proxy (router \(found.router.name))"
        }

        let message = derive(api.messagePath, among: ordered)
        let host = message?.router.hosts.first
        var route = Route(name: "proxy", baseURL: proxiedBaseURL, messagePath: message?.path ?? api.messagePath, healthPath: api.healthPath, host: host)
        lines.append(describe("POST", api.messagePath, message))
        if let healthPath = api.healthPath {
            let health = derive(healthPath, among: ordered.filter { $0.hosts.first == host })
            route.healthPath = health?.path ?? healthPath
            lines.append(describe("GET", healthPath, health))
        }
        return (route, lines)
    }
}
