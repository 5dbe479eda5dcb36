import Foundation

/// Traefik's routes, live: each path the stack claims (`/api`, `/monitor`) answers through the
/// proxy on the plain and the TLS entrypoint; every router Traefik reports is enabled and
/// reaches its service when asked the way its rule wants, on each of its published entry
/// points (over https when it has TLS); Traefik's API lists an enabled router for each claimed
/// path (with TLS on the TLS entrypoint), and a path nobody routes gets 404.
public struct TraefikRoutesCheck: ReliabilityCheck {
    public init() {}

    public var name: String { "traefik-routes" }
    public var title: String { "Traefik routes and TLS" }
    public var expectation: String {
        "Each claimed path answers through the proxy over HTTP and over HTTPS on the TLS entrypoint; every router Traefik reports is enabled and, asked for the paths and host of its rule on each published entrypoint it listens on (HTTPS for TLS routers), reaches its service (no 404 of Traefik's own, no 502, 503 or 504); Traefik's API lists an enabled router for each claimed path (with TLS on the secure entrypoint); an unknown path gets 404."
    }
    public var mutants: [FixtureKnob] { [.monitorRouteMoved] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let proxy = context.roles.proxy else {
            return .notApplicable("The stack has no reverse proxy.")
        }
        var problems: [String] = []
        var lines: [String] = []
        var entrypoints = [("http", proxy.baseURL)]
        if let secure = proxy.secureBaseURL { entrypoints.append(("https", secure)) }

        await Self.waitForClaimedRoutes(proxy, context: context)
        var claimedAnswered = 0
        for route in proxy.routes {
            for (scheme, base) in entrypoints {
                let exchange = try? await context.http.send("GET", base + route.path, timeout: .seconds(5))
                let statusOK = exchange?.status == route.status
                let bodyOK = route.bodyContains.map { exchange?.body.contains($0) ?? false } ?? true
                lines.append("GET \(base)\(route.path) → \(exchange.map { "\($0.status) in \(Int(($0.duration.seconds * 1000).rounded())) ms" } ?? "no answer")")
                if statusOK && bodyOK {
                    claimedAnswered += 1
                } else {
                    let observed = exchange.map { "\($0.status)" + (statusOK ? " without \(route.bodyContains ?? "")" : "") } ?? "no answer"
                    problems.append("GET \(route.path) over \(scheme) answered \(observed), expected \(route.status) from \(route.target)")
                }
            }
        }
        let unknown = "/chaoslab-no-route-\(context.runID)"
        let missing = try? await context.http.send("GET", proxy.baseURL + unknown, timeout: .seconds(5))
        lines.append("GET \(proxy.baseURL)\(unknown) → \(missing.map { String($0.status) } ?? "no answer")")
        if missing?.status != 404 {
            problems.append("an unrouted path (\(unknown)) answered \(missing.map { String($0.status) } ?? "nothing"), expected 404")
        }

        var evidence = [Evidence(source: "proxy", title: "Requests for the claimed paths through \(proxy.service)", lines: lines)]
        var figures = [
            Figure("routes.answered", "claimed route requests answered as expected", Double(claimedAnswered)),
            Figure("routes.tried", "claimed route requests tried", Double(proxy.routes.count * entrypoints.count)),
        ]
        var routerAnswers = RouterAnswers()
        var routerCount: Int?
        var unread: String?
        if let dashboard = proxy.dashboardURL {
            let ports = try await context.stack.instances(of: proxy.service).flatMap(\.ports).filter { $0.protocol == "tcp" }
            do {
                let map = try await TraefikRouteMap.read(from: dashboard, http: context.http)
                routerCount = map.routers.count
                evidence.append(Evidence(source: "proxy", title: "Routers in Traefik's API (\(dashboard)/api/http/routers)", lines: map.routers.map(\.summary)))
                figures.append(Figure("routers", "routers Traefik reports", Double(map.routers.count)))
                problems += routerProblems(map.routers, proxy: proxy)
                let plan = Self.routerRequests(map: map, ports: ports, claimed: proxy.routes, fallback: (proxy.baseURL, proxy.secureBaseURL))
                routerAnswers = await probe(plan, context: context)
                problems += plan.problems + routerAnswers.problems
                evidence.append(Evidence(source: "proxy", title: "Each router Traefik reports, asked the way its rule wants", lines: routerAnswers.lines + plan.skipped))
            } catch {
                unread = "\(error)"
                evidence.append(Evidence(source: "proxy", title: "Traefik's API (\(dashboard))", lines: ["not read: \(error)"]))
            }
        }
        figures += [
            Figure("routers.answered", "router requests that reached their service", Double(routerAnswers.answered)),
            Figure("routers.tried", "router requests tried", Double(routerAnswers.tried)),
        ]
        if !problems.isEmpty {
            problems += try await Self.routedButNotHealthy(context: context)
        }
        let tally = Tally(
            problems: problems, claimedTried: proxy.routes.count * entrypoints.count, routerTried: routerAnswers.tried, routers: routerCount,
            schemes: entrypoints.map(\.0), hasTLS: proxy.secureBaseURL != nil, unread: unread, hasDashboard: proxy.dashboardURL != nil
        )
        return Self.verdict(tally, figures: figures, evidence: evidence)
    }

    /// Waits up to 15 s until every claimed path answers as claimed on the plain entrypoint.
    /// Traefik adds a container's routers a moment after it turns healthy (its providers are
    /// throttled, 2 s by default): right after a broker restart `/monitor` answered 404 though
    /// the container was healthy (measured on a student stack in CI). A path that never answers
    /// costs the wait, then is judged as it answers.
    static func waitForClaimedRoutes(_ proxy: ProxyRole, context: CheckContext) async {
        guard !proxy.routes.isEmpty else { return }
        _ = try? await Wait.until("every claimed path to answer through \(proxy.service)", deadline: .seconds(15), every: .milliseconds(500)) { () async throws -> Bool? in
            for route in proxy.routes {
                let exchange = try? await context.http.send("GET", proxy.baseURL + route.path, timeout: .seconds(3))
                guard exchange?.status == route.status else { return nil }
            }
            return true
        }
    }

    /// Containers that carry Traefik router labels but do not pass their healthcheck: Traefik
    /// leaves such a container out of its routes, which explains a claimed path's 404.
    static func routedButNotHealthy(context: CheckContext) async throws -> [String] {
        try await context.stack.instances()
            .filter { instance in !instance.isReady && instance.labels.keys.contains { $0.hasPrefix("traefik.http.routers.") } }
            .map { "\($0.service) carries Traefik routers but is \($0.state == .running ? "health \($0.health.rawValue)" : $0.state.rawValue), and Traefik routes only to running containers that pass their healthcheck" }
    }

    /// The routers' requests sent, and what came of them.
    struct RouterAnswers: Sendable {
        var tried = 0
        var answered = 0
        var problems: [String] = []
        var lines: [String] = []
    }

    func probe(_ plan: RouterPlan, context: CheckContext) async -> RouterAnswers {
        var answers = RouterAnswers()
        for request in plan.requests {
            let exchange = try? await context.http.send("GET", request.url, headers: request.host.map { [("Host", $0)] } ?? [], timeout: .seconds(5))
            answers.tried += 1
            answers.lines.append(request.line + " → " + (exchange.map { "\($0.status) in \(Int(($0.duration.seconds * 1000).rounded())) ms" } ?? "no answer"))
            if let problem = Self.routerProblem(request, answer: exchange) {
                answers.problems.append(problem)
            } else {
                answers.answered += 1
            }
        }
        return answers
    }

    /// For each claimed path: an enabled router that serves it, and one with TLS when the
    /// proxy has a TLS entrypoint.
    func routerProblems(_ routers: [TraefikAPIRouter], proxy: ProxyRole) -> [String] {
        var problems: [String] = []
        let userRouters = routers.filter { !$0.isInternal }
        for route in proxy.routes {
            let serving = userRouters.filter { $0.servesPath(route.path) }
            let enabled = serving.filter(\.isEnabled)
            if enabled.isEmpty {
                let known = userRouters.map { "\($0.name) \($0.rule)" }.joined(separator: ", ")
                problems.append("no enabled router serves \(route.path) (Traefik has: \(known.isEmpty ? "no routers" : known))")
                continue
            }
            if proxy.secureBaseURL != nil && !enabled.contains(where: { $0.tls != nil }) {
                problems.append("no router with TLS serves \(route.path): \(enabled.map(\.name).joined(separator: ", ")) \(enabled.count == 1 ? "has" : "have") no tls")
            }
        }
        return problems
    }
}
