@testable import ChaosLab
import Foundation
import Testing

/// How the lab reads Traefik's routing and asks for a path the way a router takes it.
@Suite("Traefik route map")
struct TraefikRouteMapTests {
    struct PathCase: Sendable, CustomTestStringConvertible {
        var name: String
        var rule: String
        var middlewares: [TraefikAPIMiddleware] = []
        var upstream: String
        var host: String?
        var expected: String?
        var testDescription: String { name }
    }

    static let strip = TraefikAPIMiddleware(name: "strip@docker", type: "stripprefix", stripPrefix: .init(prefixes: ["/api"]))
    static let stripSlash = TraefikAPIMiddleware(name: "strip@docker", type: "stripprefix", stripPrefix: .init(prefixes: ["/api/"]))
    static let add = TraefikAPIMiddleware(name: "add@docker", type: "addprefix", addPrefix: .init(prefix: "/v1"))
    static let auth = TraefikAPIMiddleware(name: "auth@docker", type: "basicauth")
    static let replace = TraefikAPIMiddleware(name: "replace@docker", type: "replacepath")

    @Test("the path to ask for so that the service gets a path, through strip- and add-prefix middlewares", arguments: [
        PathCase(name: "no middleware, the path is the rule's", rule: "PathPrefix(`/api`)", upstream: "/api/health", expected: "/api/health"),
        PathCase(name: "no middleware, the rule does not take it", rule: "PathPrefix(`/api`)", upstream: "/health", expected: nil),
        PathCase(name: "strip-prefix puts the prefix back", rule: "PathPrefix(`/api`)", middlewares: [strip], upstream: "/health", expected: "/api/health"),
        PathCase(name: "a strip prefix with a trailing slash", rule: "PathPrefix(`/api/`)", middlewares: [stripSlash], upstream: "/message", expected: "/api/message"),
        PathCase(name: "add-prefix takes its prefix off", rule: "PathPrefix(`/`)", middlewares: [add], upstream: "/v1/health", expected: "/health"),
        PathCase(name: "add-prefix cannot make a path without it", rule: "PathPrefix(`/`)", middlewares: [add], upstream: "/health", expected: nil),
        PathCase(name: "strip then add", rule: "PathPrefix(`/api`)", middlewares: [strip, add], upstream: "/v1/health", expected: "/api/health"),
        PathCase(name: "auth leaves the path alone", rule: "Path(`/health`)", middlewares: [auth], upstream: "/health", expected: "/health"),
        PathCase(name: "replace-path is not followed", rule: "PathPrefix(`/api`)", middlewares: [replace], upstream: "/api/health", expected: nil),
        PathCase(name: "a host rule with that host", rule: "Host(`api.localhost`) && PathPrefix(`/api`)", middlewares: [strip], upstream: "/health", host: "api.localhost", expected: "/api/health"),
        PathCase(name: "a host rule with another host", rule: "Host(`api.localhost`)", upstream: "/health", host: "other.localhost", expected: nil),
    ])
    func requestPaths(_ example: PathCase) {
        let router = TraefikAPIRouter(name: "r@docker", rule: example.rule, middlewares: example.middlewares.map { String($0.name.split(separator: "@")[0]) }, provider: "docker")
        let map = TraefikRouteMap(routers: [router], middlewares: example.middlewares)
        #expect(map.requestPath(reaching: example.upstream, through: router, host: example.host) == example.expected)
    }

    @Test("an unknown middleware makes the path unknown")
    func unknownMiddleware() {
        let router = TraefikAPIRouter(name: "r@docker", rule: "PathPrefix(`/api`)", middlewares: ["missing"])
        #expect(TraefikRouteMap(routers: [router]).requestPath(reaching: "/api/x", through: router) == nil)
    }

    @Test("rules with &&, || and !, hosts and regexps, judged on a request")
    func matching() {
        func router(_ rule: String) -> TraefikAPIRouter { TraefikAPIRouter(name: "r@docker", rule: rule) }
        #expect(router("PathPrefix(`/api`) && !Path(`/api/private`)").matches(path: "/api/health", host: nil))
        #expect(!router("PathPrefix(`/api`) && !Path(`/api/private`)").matches(path: "/api/private", host: nil))
        #expect(router("Host(`a.localhost`) || Host(`b.localhost`)").matches(path: "/", host: "B.localhost"))
        #expect(!router("Host(`a.localhost`)").matches(path: "/", host: "c.localhost"))
        #expect(router("Host(`a.localhost`)").matches(path: "/", host: nil))
        #expect(router("PathRegexp(`^/v[0-9]+/`)").matches(path: "/v2/x", host: nil))
        #expect(!router("PathRegexp(`^/v[0-9]+/`)").matches(path: "/x", host: nil))
        #expect(router("Method(`GET`) && PathPrefix(`/x`)").matches(path: "/x/y", host: nil))
        #expect(router("pathprefix(`/x`)").matches(path: "/x", host: nil) && !router("pathprefix(`/x`)").matches(path: "/y", host: nil))
        #expect(!router("PathPrefix(`/x`").matches(path: "/x", host: nil))
        #expect(router("Host(`a.localhost`) && (PathPrefix(`/api`) || PathPrefix(`/dashboard`))").hosts == ["a.localhost"])
        #expect(router("Host(`a.localhost`) && (PathPrefix(`/api`) || Path(`/dashboard`))").literalPaths == ["/api", "/dashboard"])
    }

    @Test("routers and middlewares from labels, as the docker provider reads them")
    func labels() {
        let map = TraefikRouteMap(labels: [
            "sender": [
                "traefik.enable": "true",
                "traefik.http.routers.sender.rule": "PathPrefix(`/api`)",
                "traefik.http.routers.sender.entrypoints": "web, websecure",
                "traefik.http.routers.sender.middlewares": "sender-strip,auth@file",
                "traefik.http.routers.sender.tls.certresolver": "le",
                "traefik.http.middlewares.sender-strip.stripPrefix.prefixes": "/api,/v1",
                "traefik.http.services.sender.loadbalancer.server.port": "5000",
                "com.docker.compose.service": "sender",
            ],
            "off": ["traefik.enable": "false", "traefik.http.routers.off.rule": "PathPrefix(`/off`)"],
            "worker": ["com.docker.compose.service": "worker"],
        ])
        #expect(map.routers.map(\.name) == ["sender@docker"])
        let router = map.routers[0]
        #expect(router.entryPoints == ["web", "websecure"])
        #expect(router.middlewares == ["sender-strip", "auth@file"])
        #expect(router.service == "sender")
        #expect(router.tls == TraefikAPIRouter.TLS(certResolver: "le"))
        #expect(map.declaredBy["sender@docker"] == "sender")
        #expect(map.routers(declaredBy: "sender").count == 1)
        #expect(map.middleware("sender-strip", of: router)?.pathRewrite == .stripPrefix(["/api", "/v1"]))
        #expect(map.middleware("auth@file", of: router) == nil)
    }

    @Test("middlewares, entry points and services from Traefik's API")
    func fromAPI() throws {
        let middlewares = try JSONDecoder().decode([TraefikAPIMiddleware].self, from: Data(#"""
            [{"stripPrefix":{"prefixes":["/monitor"]},"status":"enabled","usedBy":["monitor@docker"],"name":"monitor-strip@docker","provider":"docker","type":"stripprefix"},
             {"addPrefix":{"prefix":"/v1"},"name":"add@file","provider":"file","type":"addprefix"},
             {"redirectRegex":{"regex":"^x","replacement":"y"},"name":"slash@docker","type":"redirectregex"},
             {"chain":{"middlewares":["a","b"]},"name":"chain@file","type":"chain"}]
            """#.utf8))
        #expect(middlewares.map(\.pathRewrite) == [.stripPrefix(["/monitor"]), .addPrefix("/v1"), .none, .unknown("chain")])
        let points = try JSONDecoder().decode([TraefikAPIEntryPoint].self, from: Data(#"[{"address":":80","name":"web"},{"address":"0.0.0.0:443/tcp","name":"websecure"},{"address":":53/udp","name":"dns"}]"#.utf8))
        #expect(points.map(\.port) == [80, 443, nil])
        let services = try JSONDecoder().decode([TraefikAPIService].self, from: Data(#"""
            [{"loadBalancer":{"servers":[{"url":"http://172.18.0.5:8000"},{"url":"http://[fd00::5]:8000"}]},"name":"api@docker"},{"name":"api@internal"}]
            """#.utf8))
        #expect(services[0].serverHosts == ["172.18.0.5", "fd00::5"])
        let router = TraefikAPIRouter(name: "api@docker", rule: "PathPrefix(`/api`)", service: "api", provider: "docker")
        let map = TraefikRouteMap(routers: [router, TraefikAPIRouter(name: "api@internal", rule: "PathPrefix(`/api`)", service: "api@internal")], services: services)
        #expect(map.routers(leadingTo: ["172.18.0.5"]).map(\.name) == ["api@docker"])
        #expect(map.routers(leadingTo: ["172.18.0.9"]).isEmpty)
    }
}
