import Foundation

extension SecurityCheck {
    /// One request for Traefik's API that the dashboard part sends.
    struct DashboardRequest: Sendable, Hashable {
        var port: PublishedPort
        var url: String
        /// The Host header, when a router's rule wants one.
        var host: String?
        /// What the request imitates: a plain GET, or a router's way in.
        var via: String

        var line: String {
            "GET \(url)" + (host.map { " (Host: \($0))" } ?? "") + " [\(via)]"
        }
    }

    /// What one such request got.
    struct DashboardAnswer: Sendable, Hashable {
        var request: DashboardRequest
        /// The status, or `nil` when nothing answered.
        var status: Int?
        /// Whether the answer was Traefik's API (its overview lists routers).
        var isDashboard: Bool

        var line: String {
            request.line + " → " + (status.map(String.init) ?? "no answer") + (isDashboard ? " (Traefik's API, no credentials asked)" : "")
        }
    }

    /// Traefik's API and dashboard answering without credentials on a port published beyond
    /// loopback, asked plainly on every published port and the way each router that leads to
    /// it wants (its Host and path, over https for a TLS router). `--api.insecure=true` on a
    /// port bound to 127.0.0.1 is reachable from this host only, and reported as such.
    func dashboardExposure(_ context: CheckContext) async throws -> PartFinding {
        guard let proxy = context.roles.proxy?.service else {
            return PartFinding(passed: nil, sentence: "The stack has no reverse proxy, so there is no dashboard to expose.")
        }
        let instances = try await context.stack.instances(of: nil)
        let ports = instances.filter { $0.service == proxy }.flatMap(\.ports).filter { $0.protocol == "tcp" }
        var map = TraefikRouteMap(instances: instances)
        var notes: [String] = []
        if let dashboard = context.roles.proxy?.dashboardURL {
            do {
                let reported = try await TraefikRouteMap.read(from: dashboard, http: context.http)
                map.routers += reported.routers.filter { router in !map.routers.contains { $0.name == router.name } }
                map.middlewares += reported.middlewares.filter { middleware in !map.middlewares.contains { $0.name == middleware.name } }
            } catch {
                notes.append("Traefik's routers were read from the labels only: \(error)")
            }
        }
        var answers: [DashboardAnswer] = []
        for request in Self.dashboardRequests(ports: ports, routes: map) {
            let exchange = try? await context.http.send("GET", request.url, headers: request.host.map { [("Host", $0)] } ?? [], timeout: .seconds(3))
            answers.append(DashboardAnswer(request: request, status: exchange?.status, isDashboard: exchange.map(Self.isTraefikOverview) ?? false))
        }
        return Self.dashboardFinding(proxy: proxy, answers: answers, notes: notes)
    }

    /// Whether an answer is Traefik's `/api/overview`.
    static func isTraefikOverview(_ exchange: HTTPExchange) -> Bool {
        exchange.status == 200 && exchange.body.contains("\"routers\"")
    }

    /// The requests that find Traefik's API: a plain GET of `/api/overview` on every published
    /// port, then, for every router that leads to `api@internal`, that path as the router
    /// takes it (through its strip- and add-prefix middlewares) with each of its Host names,
    /// over https when it has TLS, on every published port (which entry point a port is, the
    /// labels do not say).
    static func dashboardRequests(ports: [PublishedPort], routes: TraefikRouteMap) -> [DashboardRequest] {
        var requests = ports.map { port in
            DashboardRequest(port: port, url: "http://\(port.reachableAddress):\(port.hostPort)/api/overview", host: nil, via: "plain GET")
        }
        for router in routes.routers where router.servesTraefikAPI && router.isEnabled {
            let hosts: [String?] = router.hosts.isEmpty ? [nil] : router.hosts
            for host in hosts {
                guard let path = routes.requestPath(reaching: "/api/overview", through: router, host: host) else { continue }
                for port in ports {
                    let url = "\(router.tls == nil ? "http" : "https")://\(port.reachableAddress):\(port.hostPort)\(path)"
                    let request = DashboardRequest(port: port, url: url, host: host, via: "router \(router.name)")
                    if !requests.contains(where: { $0.url == request.url && $0.host == request.host }) {
                        requests.append(request)
                    }
                }
            }
        }
        return requests
    }

    /// Open beyond loopback fails; open on loopback only is reported; nothing answering at
    /// all is inconclusive.
    static func dashboardFinding(proxy: String, answers: [DashboardAnswer], notes: [String] = []) -> PartFinding {
        let evidence = [Evidence(source: "proxy", title: "Traefik's API on each published port of \(proxy), plainly and through its routers",
                                 lines: (answers.isEmpty ? ["no published TCP ports"] : answers.map(\.line)) + notes)]
        let open = answers.filter(\.isDashboard)
        let exposed = open.filter { !isLoopback($0.request.port.hostIP) }
        if !exposed.isEmpty {
            let ways = exposed.map { answer in
                "\(answer.request.port) (GET \(URL(string: answer.request.url)?.path ?? answer.request.url)\(answer.request.host.map { " with Host \($0)" } ?? ""), \(answer.request.via))"
            }
            return PartFinding(passed: false, sentence: "The Traefik dashboard and API answer without credentials on \(listed(ways)), reachable from any network: --api.insecure or an unauthenticated dashboard router is published beyond 127.0.0.1.", evidence: evidence)
        }
        if !open.isEmpty {
            let ports = open.map(\.request.port.description).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return PartFinding(passed: true, sentence: "The Traefik dashboard asks no credentials but is published on \(ports.joined(separator: ", ")) only (this host).", evidence: evidence)
        }
        if !answers.isEmpty && answers.allSatisfy({ $0.status == nil }) {
            return .inconclusive("Nothing answered on the published ports of \(proxy), so the lab could not tell whether its dashboard is open.", evidence: evidence)
        }
        return PartFinding(passed: true, sentence: "The Traefik dashboard is not reachable without credentials.", evidence: evidence)
    }

    /// Whether a host address is this machine's loopback.
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address == "localhost"
    }
}
