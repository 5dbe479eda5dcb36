@testable import ChaosLab
import Foundation
import Testing

/// The API contract's judgements: the paths it asks the proxy for, what the answers with the
/// broker down say, and a verdict on what the stack claims with advice beside it.
@Suite("API contract check")
struct APIContractCheckTests {
    typealias Case = APIContractCheck.Case

    static let api = APIRole(service: "sender", baseURL: "http://127.0.0.1:5000", proxiedBaseURL: "http://127.0.0.1", messagePath: "/message", healthPath: "/health")

    @Test("a well-formed message answered 404 or 405 means the lab does not know the path: inconclusive, never a fail; any other answer is judged by the contract",
          arguments: [(404, Verdict?.some(.inconclusive)), (405, .inconclusive), (200, nil), (401, nil), (503, nil), (400, nil)])
    func unknownMessagePath(status: Int, expected: Verdict?) {
        let answer = HTTPExchange(method: "POST", url: "http://127.0.0.1/api/message", status: status, headers: [:], body: "Not Found", duration: .milliseconds(3))
        let outcome = APIContractCheck.unknownMessagePath(url: "http://127.0.0.1/api/message", answer: answer, authorised: true)
        #expect(outcome?.verdict == expected)
        if let outcome {
            #expect(outcome.reason.hasPrefix("POST http://127.0.0.1/api/message answered \(status) to a well-formed, authorised message: the API takes no messages at that path"))
            #expect(outcome.reason.contains("declare api.message_path"))
        }
    }

    @Test("through a router that strips /api, the proxy is asked for /api/health and /api/message")
    func strippedPrefix() {
        let map = TraefikRouteMap(labels: ["sender": [
            "traefik.enable": "true",
            "traefik.http.routers.sender.rule": "PathPrefix(`/api`)",
            "traefik.http.routers.sender.entrypoints": "web",
            "traefik.http.routers.sender.middlewares": "sender-strip",
            "traefik.http.routers.sender-secure.rule": "PathPrefix(`/api`)",
            "traefik.http.routers.sender-secure.tls": "true",
            "traefik.http.routers.sender-secure.middlewares": "sender-strip",
            "traefik.http.middlewares.sender-strip.stripprefix.prefixes": "/api",
        ]])
        let derived = APIContractCheck.proxyRoute(api: Self.api, proxiedBaseURL: "http://127.0.0.1", routers: map.routers(declaredBy: "sender"), map: map)
        #expect(derived.route.messagePath == "/api/message")
        #expect(derived.route.healthPath == "/api/health")
        #expect(derived.route.host == nil)
        #expect(derived.lines.contains("GET /health on sender is GET /api/health through the proxy (router sender@docker)"))
    }

    @Test("a router with a host and no rewriting: the same paths, with its Host header")
    func hostRouter() {
        let router = TraefikAPIRouter(name: "api@file", rule: "Host(`api.localhost`) && PathPrefix(`/`)", provider: "file")
        let derived = APIContractCheck.proxyRoute(api: Self.api, proxiedBaseURL: "http://127.0.0.1", routers: [router], map: TraefikRouteMap(routers: [router]))
        #expect(derived.route.messagePath == "/message" && derived.route.healthPath == "/health")
        #expect(derived.route.host == "api.localhost")
        #expect(derived.route.hostHeader.map(\.1) == ["api.localhost"])
    }

    @Test("without a router, the paths are asked for as they are, and the lines say so")
    func noRouter() {
        let derived = APIContractCheck.proxyRoute(api: Self.api, proxiedBaseURL: "http://127.0.0.1", routers: [], map: TraefikRouteMap())
        #expect(derived.route.messagePath == "/message" && derived.route.healthPath == "/health")
        #expect(derived.lines.first == "no router leading to sender was found")
        #expect(derived.lines.contains("GET /health: no router of sender takes a path that reaches it, so the proxy is asked for /health as it is"))
    }

    static func exchange(_ status: Int, milliseconds: Int, body: String = "") -> HTTPExchange {
        HTTPExchange(method: "POST", url: "http://127.0.0.1:5000/message", status: status, headers: [:], body: body, duration: .milliseconds(milliseconds))
    }

    static let bound = TimeBound(bound: .seconds(2), margin: .milliseconds(500))

    struct OutageCase: Sendable, CustomTestStringConvertible {
        var name: String
        var post: HTTPExchange?
        var health: HTTPExchange?
        /// The requirement's verdict, then each piece of advice's, in order.
        var requirement: Bool
        var advice: [Bool]
        var testDescription: String { name }
    }

    @Test("with the broker down, only a success breaks the contract; a slow or other error and live health are advice", arguments: [
        OutageCase(name: "503 in 2,008 ms keeps the bound with its margin", post: exchange(503, milliseconds: 2008), health: exchange(503, milliseconds: 4), requirement: true, advice: [true, true]),
        OutageCase(name: "503 in 3 s is slow", post: exchange(503, milliseconds: 3000), health: exchange(503, milliseconds: 4), requirement: true, advice: [false, true]),
        OutageCase(name: "500 is an error, not the advised one", post: exchange(500, milliseconds: 30), health: nil, requirement: true, advice: [false]),
        OutageCase(name: "liveness health", post: exchange(503, milliseconds: 30), health: exchange(200, milliseconds: 4), requirement: true, advice: [true, false]),
        OutageCase(name: "no answer claims nothing", post: nil, health: nil, requirement: true, advice: [false]),
        OutageCase(name: "a success while the broker is down", post: exchange(200, milliseconds: 30, body: "Message sent"), health: nil, requirement: false, advice: []),
    ])
    func outage(_ example: OutageCase) {
        let cases = APIContractCheck.outageCases(route: "direct", post: example.post, health: example.health.map { ("/health", $0) }, bound: Self.bound)
        #expect(cases.filter { $0.kind == .requirement }.map(\.passed) == [example.requirement])
        #expect(cases.filter { $0.kind == .advice }.map(\.passed) == example.advice)
    }

    @Test("time bounds name their margin, and admit it")
    func timeBounds() {
        #expect(Self.bound.description == "2 s (+0.5 s margin)")
        #expect(Self.bound.admits(.milliseconds(2008)) && Self.bound.admits(.milliseconds(2500)) && !Self.bound.admits(.milliseconds(2501)))
        let expectation = APIContractCheck().expectation
        #expect(expectation.contains("503 within 2 s (+0.5 s margin)"))
        #expect(expectation.contains("within 60 s (+5 s margin)"))
    }

    static func ok(_ route: String, _ name: String) -> Case {
        Case(route: route, name: name, expected: "x", observed: "x", passed: true)
    }

    @Test("a correct single-worker stack with a size limit missing, liveness health and a slow 503 passes, with the advice beside it")
    func adviceOnly() throws {
        var cases = ["direct", "proxy"].flatMap { route in ["GET /health", "POST a good message", "published body of the good message"].map { Self.ok(route, $0) } }
        for route in ["direct", "proxy"] {
            cases.append(Case(route: route, name: "POST oversized body (1024 KiB)", expected: "4xx and nothing published", observed: "200 Message sent in 40 ms and published 1 message",
                              passed: false, kind: .advice, hint: "a size limit keeps one client from filling the broker's memory and disk"))
            cases += APIContractCheck.outageCases(route: route, post: Self.exchange(503, milliseconds: 2600), health: ("/health", Self.exchange(200, milliseconds: 3)), bound: Self.bound)
        }
        let outcome = APIContractCheck.verdict(cases: cases, routes: ["direct", "proxy"])
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.hasPrefix("All 8 requests kept the contract over direct and proxy"))
        #expect(outcome.reason.hasSuffix("Advice beside the verdict (details under Advice): POST oversized body (1024 KiB); POST with the broker down, answered fast; health with the broker down."))
        let advice = try #require(outcome.evidence.first { $0.isAdvice })
        #expect(advice.lines.count == 3)
        #expect(advice.lines[0] == "POST oversized body (1024 KiB) (direct and proxy): advised 4xx and nothing published, got 200 Message sent in 40 ms and published 1 message — a size limit keeps one client from filling the broker's memory and disk")
        #expect(outcome.figures.first { $0.key == "advice" }?.value == 3)
        #expect(outcome.figures.first { $0.key == "cases.failed" }?.value == 0)
    }

    @Test("a broken requirement fails, one sentence per rule; advice stays beside it")
    func requirementBroken() {
        let cases = [
            Self.ok("direct", "GET /health"),
            Case(route: "direct", name: "POST empty message", expected: "4xx and nothing published", observed: "200 and published 1 message", passed: false),
            Case(route: "proxy", name: "POST empty message", expected: "4xx and nothing published", observed: "200 and published 1 message", passed: false),
            Case(route: "direct", name: "health with the broker down", expected: "503", observed: "GET /health: 200", passed: false, kind: .advice),
        ]
        let outcome = APIContractCheck.verdict(cases: cases, routes: ["direct", "proxy"])
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason == "2 of 3 requests broke the contract: POST empty message (direct and proxy): expected 4xx and nothing published, got 200 and published 1 message. Advice beside the verdict (details under Advice): health with the broker down.")
        #expect(outcome.evidence.contains { $0.title == "Each request and its answer" && $0.lines.contains("tip  [direct] health with the broker down: expected 503; got GET /health: 200") })
    }
}
