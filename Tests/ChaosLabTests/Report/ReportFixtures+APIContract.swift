@testable import ChaosLab
import Foundation

extension ReportFixtures {
    /// The API contract on a correct single-worker stack that takes a 1 MiB message, reports
    /// liveness as health and answers 503 a little slowly: a pass, with that advice beside it.
    static var sampleAPIContract: CheckResult {
        let start = 79.0
        let check = APIContractCheck()
        var cases: [APIContractCheck.Case] = []
        for route in ["direct", "proxy"] {
            let health = route == "direct" ? "/health" : "/api/health"
            cases += [
                .init(route: route, name: "GET \(health)", expected: "2xx", observed: "200 {\"status\": \"ok\"} in 4 ms", passed: true),
                .init(route: route, name: "POST with no credentials", expected: "401 with WWW-Authenticate", observed: "401 in 3 ms (WWW-Authenticate: Basic realm=\"sender\")", passed: true),
                .init(route: route, name: "POST empty message", expected: "4xx and nothing published", observed: "400 {\"error\": \"message is required\"} in 5 ms, nothing published", passed: true),
                .init(route: route, name: "POST oversized body (1024 KiB)", expected: "4xx and nothing published", observed: "200 Message sent in 41 ms and published 1 message",
                      passed: false, kind: .advice, hint: "a size limit keeps one client from filling the broker's memory and disk"),
                .init(route: route, name: "POST a good message", expected: "200 \"Message sent\" with the message already in task_queue",
                      observed: "200 Message sent in 9 ms, task_queue went from 1 to 2 at the answer", passed: true),
                .init(route: route, name: "published body of the good message", expected: "a JSON document or plain text carrying the message",
                      observed: "plain text carrying the message (27 bytes)", passed: true),
            ]
            let post = HTTPExchange(method: "POST", url: "http://127.0.0.1/message", status: 503, headers: [:], body: "{\"error\": \"broker unavailable\"}", duration: .milliseconds(2_640))
            let live = HTTPExchange(method: "GET", url: "http://127.0.0.1/health", status: 200, headers: [:], body: "{\"status\": \"ok\"}", duration: .milliseconds(3))
            cases += APIContractCheck.outageCases(route: route, post: post, health: (health, live), bound: check.outageAnswer)
        }
        cases.append(.init(route: "direct", name: "POST after the broker is back", expected: "200 within \(check.recovery), without restarting the API", observed: "200 after 7.4 s", passed: true))
        let outcome = APIContractCheck.verdict(
            cases: cases, routes: ["direct", "proxy"],
            figures: [Figure.seconds("outage.answer", "slowest answer while the broker was down", .milliseconds(2_640)),
                      Figure.seconds("outage.recovery", "time from starting the broker to the API publishing again", .milliseconds(7_400))],
            evidence: [Evidence(source: "proxy", title: "The API's paths through the proxy", lines: [
                "router of sender: sender@docker PathPrefix(`/api`) on web, middlewares sender-strip, service sender, enabled",
                "POST /message on sender is POST /api/message through the proxy (router sender@docker)",
                "GET /health on sender is GET /api/health through the proxy (router sender@docker)",
            ], takenAt: at(start + 0.3))]
        )
        return CheckResult(
            check: check.name, title: check.title, verdict: outcome.verdict, reason: outcome.reason, expectation: check.expectation,
            figures: outcome.figures, evidence: outcome.evidence.map { var item = $0; item.takenAt = at(start + 1); return item },
            faults: [
                FaultEvent(fault: .stop("rabbitmq", timeout: .seconds(10)), at: at(start + 1.2), took: .milliseconds(2_310)),
                FaultEvent(fault: .start("rabbitmq"), at: at(start + 9.1), took: .milliseconds(640)),
            ],
            startedAt: at(start), duration: .milliseconds(17_300)
        )
    }
}
