import AMQPClient
@testable import ChaosLab
import Foundation
import Testing

/// The security check's judgements on what it observed: logins by the error's code or the
/// HTTP status, parts that could not be tried, and Traefik's API found the way routers take it.
@Suite("Security check")
struct SecurityCheckTests {
    struct AMQPCase: Sendable, CustomTestStringConvertible {
        var name: String
        var error: AMQPError
        var result: String
        var testDescription: String { name }
    }

    /// `accepted`, `refused` or `not tried`: the outcome without its detail.
    static func kind(_ result: SecurityCheck.LoginResult) -> String {
        switch result {
        case .accepted: "accepted"
        case .refused: "refused"
        case .notTried: "not tried"
        }
    }

    @Test("an AMQP login counts as refused only when the broker refused it (403), whatever the error text says", arguments: [
        AMQPCase(name: "connection refused on a port with 403 in it",
                 error: AMQPError(.connectionFailed, "Connecting to 127.0.0.1:4030 failed: AMQP_STATUS_SOCKET_ERROR (the TCP connection was refused or could not be established)."),
                 result: "not tried"),
        AMQPCase(name: "handshake timeout",
                 error: AMQPError(.connectionFailed, "Logging in to 127.0.0.1:5672 as user \"guest\" on virtual host \"/\" did not complete within 5 s (AMQP_STATUS_TIMEOUT)."),
                 result: "not tried"),
        AMQPCase(name: "name resolution",
                 error: AMQPError(.connectionFailed, "Connecting to rabbit.invalid:5672 failed: AMQP_STATUS_HOSTNAME_RESOLUTION_FAILED (hostname lookup failed)."),
                 result: "not tried"),
        AMQPCase(name: "a dropped handshake that mentions ACCESS_REFUSED in passing",
                 error: AMQPError(.connectionFailed, "Logging in failed: AMQP_STATUS_CONNECTION_CLOSED (ACCESS_REFUSED?)."),
                 result: "not tried"),
        AMQPCase(name: "the broker's 403",
                 error: AMQPError(.loginRefused(replyCode: 403, replyText: "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."), "The broker refused the login."),
                 result: "refused"),
        AMQPCase(name: "the broker's 530 after taking the password",
                 error: AMQPError(.loginRefused(replyCode: 530, replyText: "NOT_ALLOWED - access to vhost '/' refused for user 'admin'"), "The broker refused the login."),
                 result: "accepted"),
        AMQPCase(name: "a connection closed with 403 after login", error: AMQPError(.connectionClosed(replyCode: 403, replyText: "ACCESS_REFUSED"), "closed"), result: "not tried"),
    ])
    func amqpLogins(_ example: AMQPCase) {
        #expect(Self.kind(SecurityCheck.loginResult(ofConnectError: example.error)) == example.result)
    }

    @Test("an error that is not the client's leaves the login untried")
    func foreignError() {
        #expect(Self.kind(SecurityCheck.loginResult(ofConnectError: CancellationError())) == "not tried")
    }

    static func exchange(_ status: Int, _ body: String = "") -> HTTPExchange {
        HTTPExchange(method: "POST", url: "http://127.0.0.1:8000/api/message", status: status, headers: [:], body: body, duration: .milliseconds(5))
    }

    @Test("an HTTP login by status: 401 and 403 refuse, a 5xx or no answer leaves it untried", arguments: [
        (401, "refused"), (403, "refused"), (400, "accepted"), (200, "accepted"), (404, "accepted"), (500, "not tried"), (503, "not tried"),
    ] as [(Int, String)])
    func httpLogins(status: Int, result: String) {
        let answer: Result<HTTPExchange, HTTPProbeError> = .success(Self.exchange(status))
        #expect(Self.kind(SecurityCheck.loginResult(of: answer, accepts: { $0 < 500 })) == result)
    }

    @Test("no HTTP answer is no login")
    func httpNoAnswer() {
        let answer: Result<HTTPExchange, HTTPProbeError> = .failure(HTTPProbeError(method: "GET", url: "http://127.0.0.1:15672/api/whoami", reason: "Connection refused"))
        #expect(SecurityCheck.loginResult(of: answer, accepts: { $0 == 200 }) == .notTried("GET http://127.0.0.1:15672/api/whoami got no response: Connection refused."))
        let finding = SecurityCheck.guestOverManagementFinding(answer, url: "http://127.0.0.1:15672/api/whoami", management: "http://127.0.0.1:15672")
        #expect(finding.outcome == .inconclusive)
        #expect(finding.sentence.contains("could not be judged"))
    }

    @Test("guest over AMQP: accepted fails, refused holds, not tried is inconclusive and says why")
    func guest() {
        #expect(SecurityCheck.guestOverAMQPFinding(.accepted("logged in"), endpoint: "127.0.0.1:5672").outcome == .broken)
        #expect(SecurityCheck.guestOverAMQPFinding(.refused("403 ACCESS_REFUSED"), endpoint: "127.0.0.1:5672").outcome == .held)
        let untried = SecurityCheck.guestOverAMQPFinding(.notTried("Connecting to 127.0.0.1:5672 failed: AMQP_STATUS_SOCKET_ERROR."), endpoint: "127.0.0.1:5672")
        #expect(untried.outcome == .inconclusive)
        #expect(untried.sentence == "The guest login over AMQP at 127.0.0.1:5672 could not be tried: Connecting to 127.0.0.1:5672 failed: AMQP_STATUS_SOCKET_ERROR.")
    }

    struct WeakCase: Sendable, CustomTestStringConvertible {
        var name: String
        var results: [SecurityCheck.LoginResult]
        var outcome: PartFinding.Outcome
        var sentence: String
        var testDescription: String { name }
    }

    @Test("weak logins: any accepted fails; any not tried is inconclusive and named; all refused holds", arguments: [
        WeakCase(name: "all refused", results: [.refused("403"), .refused("403"), .refused("403")], outcome: .held, sentence: "3 weak broker logins were refused."),
        WeakCase(name: "one accepted", results: [.refused("403"), .accepted("logged in"), .notTried("timeout")], outcome: .broken, sentence: "The broker accepts weak credentials: admin/guest."),
        WeakCase(name: "one unreachable", results: [.refused("403"), .notTried("Connecting to 127.0.0.1:5672 failed: AMQP_STATUS_TIMEOUT."), .refused("403")], outcome: .inconclusive,
                 sentence: "1 of 3 weak broker logins could not be tried (admin/guest): Connecting to 127.0.0.1:5672 failed: AMQP_STATUS_TIMEOUT; the other 2 were refused."),
        WeakCase(name: "none reachable", results: [.notTried("refused."), .notTried("refused."), .notTried("refused.")], outcome: .inconclusive,
                 sentence: "None of the 3 weak broker logins could be tried: refused (the first reason)."),
    ])
    func weakLogins(_ example: WeakCase) {
        let logins = ["admin/admin", "admin/guest", "admin/password"]
        let attempts = zip(logins, example.results).map { SecurityCheck.LoginAttempt(login: $0, result: $1) }
        let finding = SecurityCheck.weakLoginsFinding(attempts, subject: "broker", over: "AMQP")
        #expect(finding.outcome == example.outcome)
        #expect(finding.sentence == example.sentence)
        #expect(finding.evidence.first?.lines.count == 3)
    }

    @Test("the pairs tried over AMQP never include guest and have no duplicates")
    func weakPairs() {
        let pairs = SecurityCheck.weakBrokerPairs(user: "admin")
        #expect(!pairs.contains { $0.0 == "guest" })
        #expect(Set(pairs.map { "\($0.0)/\($0.1)" }).count == pairs.count)
        #expect(pairs.contains { $0 == ("admin", "admin") })
    }

    static let wildcard80 = PublishedPort(hostIP: "0.0.0.0", hostPort: 80, containerPort: 80)
    static let wildcard443 = PublishedPort(hostIP: "0.0.0.0", hostPort: 443, containerPort: 443)
    static let loopback8080 = PublishedPort(hostIP: "127.0.0.1", hostPort: 8080, containerPort: 8080)

    @Test("Traefik's API is asked for plainly on every port, and the way each router to api@internal takes it")
    func dashboardRequests() {
        let map = TraefikRouteMap(labels: ["traefik": [
            "traefik.enable": "true",
            "traefik.http.routers.dashboard.rule": "Host(`traefik.example.org`) && (PathPrefix(`/api`) || PathPrefix(`/dashboard`))",
            "traefik.http.routers.dashboard.service": "api@internal",
            "traefik.http.routers.dashboard.entrypoints": "web",
            "traefik.http.routers.ops.rule": "PathPrefix(`/ops`)",
            "traefik.http.routers.ops.service": "api@internal",
            "traefik.http.routers.ops.tls": "true",
            "traefik.http.routers.ops.middlewares": "ops-strip",
            "traefik.http.middlewares.ops-strip.stripprefix.prefixes": "/ops",
        ]])
        let requests = SecurityCheck.dashboardRequests(ports: [Self.wildcard80, Self.wildcard443], routes: map)
        let lines = requests.map(\.line)
        #expect(lines.contains("GET http://127.0.0.1:80/api/overview [plain GET]"))
        #expect(lines.contains("GET http://127.0.0.1:443/api/overview [plain GET]"))
        #expect(lines.contains("GET http://127.0.0.1:80/api/overview (Host: traefik.example.org) [router dashboard@docker]"))
        #expect(lines.contains("GET https://127.0.0.1:443/ops/api/overview [router ops@docker]"))
        #expect(requests.count == 2 + 2 + 2)
    }

    static func answer(_ port: PublishedPort, host: String?, via: String, status: Int?, open: Bool) -> SecurityCheck.DashboardAnswer {
        SecurityCheck.DashboardAnswer(
            request: SecurityCheck.DashboardRequest(port: port, url: "http://\(port.reachableAddress):\(port.hostPort)/api/overview", host: host, via: via),
            status: status, isDashboard: open
        )
    }

    @Test("an open dashboard through a router on a public port fails and says how it was reached")
    func dashboardThroughRouter() {
        let answers = [
            Self.answer(Self.wildcard80, host: nil, via: "plain GET", status: 404, open: false),
            Self.answer(Self.wildcard80, host: "traefik.example.org", via: "router dashboard@docker", status: 200, open: true),
        ]
        let finding = SecurityCheck.dashboardFinding(proxy: "traefik", answers: answers)
        #expect(finding.outcome == .broken)
        #expect(finding.sentence.contains("0.0.0.0:80->80/tcp (GET /api/overview with Host traefik.example.org, router dashboard@docker)"))
    }

    @Test("the dashboard part: open on loopback is reported, nothing open holds, nothing answering is inconclusive")
    func dashboardFindings() {
        let loopback = SecurityCheck.dashboardFinding(proxy: "traefik", answers: [
            Self.answer(Self.loopback8080, host: nil, via: "plain GET", status: 200, open: true),
            Self.answer(Self.loopback8080, host: nil, via: "router api@internal", status: 200, open: true),
        ])
        #expect(loopback.outcome == .held)
        #expect(loopback.sentence == "The Traefik dashboard asks no credentials but is published on 127.0.0.1:8080->8080/tcp only (this host).")
        let closed = SecurityCheck.dashboardFinding(proxy: "traefik", answers: [Self.answer(Self.wildcard80, host: nil, via: "plain GET", status: 404, open: false)])
        #expect(closed.outcome == .held)
        let silent = SecurityCheck.dashboardFinding(proxy: "traefik", answers: [Self.answer(Self.wildcard80, host: nil, via: "plain GET", status: nil, open: false)])
        #expect(silent.outcome == .inconclusive)
        #expect(SecurityCheck.dashboardFinding(proxy: "traefik", answers: []).outcome == .held)
    }

    @Test("addresses for published ports: loopback for wildcards, brackets for IPv6")
    func addresses() {
        #expect(Self.wildcard80.reachableAddress == "127.0.0.1")
        #expect(PublishedPort(hostIP: "::", hostPort: 80, containerPort: 80).reachableAddress == "[::1]")
        #expect(PublishedPort(hostIP: "fd00::5", hostPort: 80, containerPort: 80).reachableAddress == "[fd00::5]")
        #expect(PublishedPort(hostIP: "192.168.1.5", hostPort: 80, containerPort: 80).reachableAddress == "192.168.1.5")
    }
}
