import Foundation

/// Traefik's routes, live: each path the stack claims (`/api`, `/monitor`) answers through the
/// proxy on the plain and the TLS entrypoint, Traefik's API lists an enabled router for each
/// (with TLS on the TLS entrypoint), and a path nobody routes gets 404.
public struct TraefikRoutesCheck: ReliabilityCheck {
    public init() {}

    public var name: String { "traefik-routes" }
    public var title: String { "Traefik routes and TLS" }
    public var expectation: String {
        "Each claimed path answers through the proxy over HTTP and over HTTPS on the TLS entrypoint, Traefik's API lists an enabled router for it on each entrypoint (with TLS on the secure one), and an unknown path gets 404."
    }
    public var mutants: [FixtureKnob] { [.monitorRouteMoved] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let proxy = context.roles.proxy else {
            return .notApplicable("The stack has no reverse proxy.")
        }
        var problems: [String] = []
        var lines: [String] = []
        var answered = 0
        var entrypoints = [("http", proxy.baseURL)]
        if let secure = proxy.secureBaseURL { entrypoints.append(("https", secure)) }

        for route in proxy.routes {
            for (scheme, base) in entrypoints {
                let exchange = try? await context.http.send("GET", base + route.path, timeout: .seconds(5))
                let statusOK = exchange?.status == route.status
                let bodyOK = route.bodyContains.map { exchange?.body.contains($0) ?? false } ?? true
                lines.append("GET \(base)\(route.path) → \(exchange.map { "\($0.status) in \(Int(($0.duration.seconds * 1000).rounded())) ms" } ?? "no answer")")
                if statusOK && bodyOK {
                    answered += 1
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

        var evidence = [Evidence(source: "proxy", title: "Requests through \(proxy.service)", lines: lines)]
        var figures = [
            Figure("routes.answered", "route requests answered as expected", Double(answered)),
            Figure("routes.tried", "route requests tried", Double(proxy.routes.count * entrypoints.count)),
        ]
        if let dashboard = proxy.dashboardURL {
            let routers = try await self.routers(at: dashboard, context: context)
            evidence.append(Evidence(source: "proxy", title: "Routers in Traefik's API (\(dashboard)/api/http/routers)", lines: routers.map(\.summary)))
            figures.append(Figure("routers", "routers Traefik reports", Double(routers.count)))
            problems += routerProblems(routers, proxy: proxy)
        }
        if !problems.isEmpty {
            return .fail(problems.joined(separator: "; ") + ".", figures: figures, evidence: evidence)
        }
        return .pass(
            "\(answered) route requests answered as claimed over \(entrypoints.map(\.0).joined(separator: " and ")), each path has an enabled router\(proxy.secureBaseURL == nil ? "" : " (with TLS on the secure entrypoint)"), and an unknown path gets 404.",
            figures: figures, evidence: evidence
        )
    }

    /// Every HTTP router Traefik reports.
    func routers(at dashboard: String, context: CheckContext) async throws -> [TraefikAPIRouter] {
        let exchange = try await context.http.send("GET", dashboard + "/api/http/routers", timeout: .seconds(5))
        guard exchange.status == 200 else {
            throw CheckSetupError(reason: "Traefik's API at \(dashboard)/api/http/routers answered \(exchange.status).")
        }
        do {
            return try JSONDecoder().decode([TraefikAPIRouter].self, from: Data(exchange.body.utf8))
        } catch {
            throw CheckSetupError(reason: "Traefik's API at \(dashboard)/api/http/routers did not answer a list of routers: \(error).")
        }
    }

    /// For each claimed path: an enabled router that serves it, and one with TLS when the
    /// proxy has a TLS entrypoint.
    func routerProblems(_ routers: [TraefikAPIRouter], proxy: ProxyRole) -> [String] {
        var problems: [String] = []
        let userRouters = routers.filter { !$0.name.hasSuffix("@internal") }
        for route in proxy.routes {
            let serving = userRouters.filter { $0.servesPath(route.path) }
            let enabled = serving.filter { $0.status == nil || $0.status == "enabled" }
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
