@testable import ChaosLab
import Foundation
import Testing

/// What the Traefik routes check asks for each router Traefik reports, and what it concludes.
@Suite("Traefik routes check")
struct TraefikRoutesCheckTests {
    static let entryPoints = [
        TraefikAPIEntryPoint(name: "web", address: ":80"), TraefikAPIEntryPoint(name: "websecure", address: ":443"),
        TraefikAPIEntryPoint(name: "traefik", address: ":8080"), TraefikAPIEntryPoint(name: "admin", address: ":9000"),
    ]
    static let ports = [
        PublishedPort(hostIP: "127.0.0.1", hostPort: 8081, containerPort: 80), PublishedPort(hostIP: "127.0.0.1", hostPort: 8443, containerPort: 443),
        PublishedPort(hostIP: "127.0.0.1", hostPort: 8080, containerPort: 8080),
    ]

    @Test("every router is asked for its rule's paths and host on each published entry point, TLS ones over https")
    func plan() {
        let map = TraefikRouteMap(routers: [
            TraefikAPIRouter(name: "api@docker", rule: "PathPrefix(`/api`)", entryPoints: ["web"], service: "api", status: "enabled"),
            TraefikAPIRouter(name: "api-secure@docker", rule: "PathPrefix(`/api`)", entryPoints: ["websecure"], service: "api", tls: .init(), status: "enabled"),
            TraefikAPIRouter(name: "shop@file", rule: "Host(`shop.localhost`) && (Path(`/a`) || PathPrefix(`/b`))", entryPoints: ["web", "admin"], status: "enabled"),
            TraefikAPIRouter(name: "broken@docker", rule: "PathPrefix(`/x`)", entryPoints: ["web"], status: "disabled", error: ["middleware \"auth@file\" does not exist"]),
            TraefikAPIRouter(name: "api@internal", rule: "PathPrefix(`/api`)", entryPoints: ["traefik"], service: "api@internal", status: "enabled"),
        ], entryPoints: Self.entryPoints)
        let plan = TraefikRoutesCheck.routerRequests(map: map, ports: Self.ports, claimed: [ProxyRoute(path: "/api/health", target: "health")], fallback: ("http://127.0.0.1:8081", nil))
        #expect(plan.requests.map(\.line) == [
            "GET http://127.0.0.1:8081/api/health [router api@docker]",
            "GET https://127.0.0.1:8443/api/health [router api-secure@docker]",
            "GET http://127.0.0.1:8081/a (Host: shop.localhost) [router shop@file]",
            "GET http://127.0.0.1:8081/b (Host: shop.localhost) [router shop@file]",
        ])
        #expect(plan.skipped == ["router shop@file: entry point admin (:9000) is not published to the host; not asked"])
        #expect(plan.problems == ["Traefik reports router broken@docker (PathPrefix(`/x`)) as disabled: middleware \"auth@file\" does not exist"])
    }

    @Test("without Traefik's entry points, the roles' base URLs stand in")
    func fallback() {
        let map = TraefikRouteMap(routers: [
            TraefikAPIRouter(name: "ui@docker", rule: "Host(`ui.localhost`)", status: "enabled"),
            TraefikAPIRouter(name: "ui-secure@docker", rule: "Host(`ui.localhost`)", tls: .init(), status: "enabled"),
        ])
        let plan = TraefikRoutesCheck.routerRequests(map: map, ports: [], claimed: [], fallback: ("http://127.0.0.1", nil))
        #expect(plan.requests.map(\.line) == ["GET http://127.0.0.1/ (Host: ui.localhost) [router ui@docker]"])
        #expect(plan.skipped == ["router ui-secure@docker has TLS but the proxy has no TLS entrypoint the lab knows; not asked"])
    }

    static func exchange(_ status: Int, _ body: String = "") -> HTTPExchange {
        HTTPExchange(method: "GET", url: "http://127.0.0.1/x", status: status, headers: [:], body: body, duration: .milliseconds(3))
    }

    @Test("a router's answer is wrong only when Traefik answered for it or nothing answered", arguments: [
        (200, "", nil), (404, "<h1>Not Found</h1>", nil), (401, "", nil), (301, "", nil), (500, "oops", nil),
        (404, "404 page not found\n", "got Traefik's own 404: no router took it"),
        (502, "Bad Gateway", "answered 502: Traefik did not reach the router's service"),
        (503, "", "answered 503: Traefik did not reach the router's service"),
    ] as [(Int, String, String?)])
    func routerAnswers(status: Int, body: String, problem: String?) {
        let request = TraefikRoutesCheck.RouterRequest(router: "api@docker", url: "http://127.0.0.1/api", host: nil)
        #expect(TraefikRoutesCheck.routerProblem(request, answer: Self.exchange(status, body)) == problem.map { "GET http://127.0.0.1/api [router api@docker] \($0)" })
        #expect(TraefikRoutesCheck.routerProblem(request, answer: nil) == "GET http://127.0.0.1/api [router api@docker] got no answer")
    }

    static func tally(problems: [String] = [], claimed: Int = 0, routers: Int = 0, reported: Int? = nil, unread: String? = nil, dashboard: Bool = true) -> TraefikRoutesCheck.Tally {
        TraefikRoutesCheck.Tally(problems: problems, claimedTried: claimed, routerTried: routers, routers: reported, schemes: ["http", "https"], hasTLS: true, unread: unread, hasDashboard: dashboard)
    }

    @Test("zero requests is never a pass")
    func zeroRequests() {
        let none = TraefikRoutesCheck.verdict(Self.tally(reported: 0))
        #expect(none.verdict == .inconclusive)
        #expect(none.reason == "No route was asked for: the stack claims no proxy path and Traefik reports no router of the stack that the lab can reach through a published entry point. Only the unknown path was tried (it got 404).")
        let blind = TraefikRoutesCheck.verdict(Self.tally(dashboard: false))
        #expect(blind.verdict == .inconclusive)
        #expect(blind.reason.contains("the roles name no dashboard_url"))
    }

    @Test("problems fail, an unread API is inconclusive, requests that all answered pass")
    func verdicts() {
        #expect(TraefikRoutesCheck.verdict(Self.tally(problems: ["a", "b"], claimed: 4)).reason == "a; b.")
        let unread = TraefikRoutesCheck.verdict(Self.tally(claimed: 4, unread: "Traefik's API at http://127.0.0.1:8080/api/http/routers answered 404."))
        #expect(unread.verdict == .inconclusive)
        let routersOnly = TraefikRoutesCheck.verdict(Self.tally(routers: 3, reported: 2))
        #expect(routersOnly.verdict == .pass)
        #expect(routersOnly.reason == "3 requests for the 2 routers Traefik reports reached their services, and an unknown path gets 404.")
        let both = TraefikRoutesCheck.verdict(Self.tally(claimed: 4, routers: 4, reported: 5))
        #expect(both.reason == "4 claimed route requests answered as claimed over http and https, 4 requests for the 5 routers Traefik reports reached their services, each claimed path has an enabled router (with TLS on the secure entrypoint), and an unknown path gets 404.")
    }
}
