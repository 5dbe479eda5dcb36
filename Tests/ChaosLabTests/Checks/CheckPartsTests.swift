import AMQPClient
@testable import ChaosLab
import Foundation
import Testing

/// The pieces of the dead-letter, security and Traefik checks that need no stack.
@Suite("Check parts")
struct CheckPartsTests {
    @Test("x-death headers decode newest first; problems name queue, reason and count")
    func deaths() {
        let headers: AMQPTable = ["x-death": [
            ["queue": "chaoslab.work", "reason": "rejected", "count": .int64(1), "exchange": ""],
            ["queue": "other", "reason": "expired", "count": .int64(2)],
        ]]
        let deaths = BrokerClient.deaths(in: headers)
        #expect(deaths == [DeadLetter(queue: "chaoslab.work", reason: "rejected", count: 1, exchange: ""), DeadLetter(queue: "other", reason: "expired", count: 2)])
        #expect(BrokerClient.deaths(in: nil).isEmpty)
        #expect(DeadLetterCheck.deathProblem(deaths, queue: "chaoslab.work", reason: "rejected", count: 1) == nil)
        #expect(DeadLetterCheck.deathProblem(deaths, queue: "chaoslab.work", reason: "expired", count: 1) == "its x-death says reason rejected, expected expired")
        #expect(DeadLetterCheck.deathProblem([DeadLetter(queue: "q", reason: "rejected", count: 4)], queue: "chaoslab.work", reason: "rejected", count: 1)
            == "its x-death says queue q, expected chaoslab.work, count 4, expected 1")
        #expect(DeadLetterCheck.deathProblem([], queue: "q", reason: "rejected", count: 1) == "it has no x-death header")
    }

    @Test("queue arguments from rabbitmqctl's JSON, as an object or as pairs")
    func queueArguments() {
        #expect(BrokerProbe.arguments(["x-dead-letter-exchange": "dlx", "x-max-length": NSNumber(value: 1000)]) == ["x-dead-letter-exchange": "dlx", "x-max-length": "1000"])
        #expect(BrokerProbe.arguments([["x-max-length", NSNumber(value: 5)], ["x-overflow", "reject-publish"]]) == ["x-max-length": "5", "x-overflow": "reject-publish"])
        #expect(BrokerProbe.arguments([Any]()) == [:])
        #expect(BrokerProbe.arguments(nil) == [:])
        let queue = QueueStatus(name: "w", durable: true, ready: 0, unacknowledged: 0, consumers: 2, arguments: ["x-max-length": "1000", "x-dead-letter-exchange": "dlx"])
        #expect(queue.maxLength == 1000 && queue.deadLetterExchange == "dlx")
    }

    @Test("weak passwords, secrets in ENV lines, redaction, loopback addresses")
    func security() {
        #expect(SecurityCheck.weakness(of: "guest", user: "guest") == "a well-known default")
        #expect(SecurityCheck.weakness(of: "Admin", user: "x") == "a well-known default")
        #expect(SecurityCheck.weakness(of: "alice-alice", user: "alice-alice") == "the same as the user name")
        #expect(SecurityCheck.weakness(of: "s3cr", user: "bob") == "shorter than 8 characters")
        #expect(SecurityCheck.weakness(of: "chaoslab-api-secret", user: "admin") == nil)
        #expect(SecurityCheck.isSecretAssignment("AMQP_PASSWORD=hunter22"))
        #expect(SecurityCheck.isSecretAssignment("RABBITMQ_DEFAULT_PASS=guest"))
        #expect(SecurityCheck.isSecretAssignment("JWT_SECRET_KEY=abc"))
        #expect(!SecurityCheck.isSecretAssignment("AMQP_PASSWORD="))
        #expect(!SecurityCheck.isSecretAssignment("GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D"))
        #expect(!SecurityCheck.isSecretAssignment("PATH=/usr/bin"))
        #expect(SecurityCheck.redacted("AMQP_PASSWORD=hunter22") == "AMQP_PASSWORD=hu…")
        #expect(SecurityCheck.isLoopback("127.0.0.1") && SecurityCheck.isLoopback("::1"))
        #expect(!SecurityCheck.isLoopback("0.0.0.0") && !SecurityCheck.isLoopback(""))
    }

    @Test("router rules: which paths they serve")
    func routerPaths() {
        func router(_ rule: String) -> TraefikAPIRouter { TraefikAPIRouter(name: "r@docker", rule: rule) }
        #expect(router("PathPrefix(`/api`)").servesPath("/api/health"))
        #expect(!router("PathPrefix(`/api`)").servesPath("/monitor/"))
        #expect(router("Host(`localhost`) && PathPrefix(`/monitor`)").servesPath("/monitor/"))
        #expect(router("Path(`/health`)").servesPath("/health"))
        #expect(!router("Path(`/health`)").servesPath("/health/x"))
        #expect(router("Host(`example.org`)").servesPath("/anything"))
        #expect(router("PathPrefix(`/a`) || PathPrefix(`/b`)").servesPath("/b/c"))
        #expect(TraefikAPIRouter.arguments(of: "Path", in: "PathPrefix(`/x`) && Path(`/y`)") == ["/y"])
        #expect(TraefikAPIRouter.arguments(of: "PathPrefix", in: "PathPrefix(\"/x\")") == ["/x"])
        let decoded = try? JSONDecoder().decode([TraefikAPIRouter].self, from: Data(#"""
            [{"entryPoints":["websecure"],"service":"api","rule":"PathPrefix(`/api`)","tls":{"options":"default"},"status":"enabled","using":["websecure"],"name":"api-secure@docker","provider":"docker"}]
            """#.utf8))
        #expect(decoded?.first?.summary == "api-secure@docker PathPrefix(`/api`) on websecure, TLS, service api, enabled")
    }

    @Test("knobs for compose: CHAOSLAB_KNOBS and the variables only the compose file reads")
    func knobEnvironment() {
        #expect(FixtureKnob.environment([]) == ["CHAOSLAB_KNOBS": ""])
        #expect(FixtureKnob.environment([.autoAck, .monitorRouteMoved]) == ["CHAOSLAB_KNOBS": "auto-ack,monitor-route-moved", "CHAOSLAB_MONITOR_PREFIX": "/moved"])
    }

    @Test("parts combine: any broken part fails, none applying is not applicable")
    func parts() {
        let pass = PartFinding(passed: true, sentence: "A held.")
        let skip = PartFinding(passed: nil, sentence: "B did not apply.")
        let fail = PartFinding(passed: false, sentence: "C broke.")
        #expect(CheckOutcome(parts: [pass, skip]).verdict == .pass)
        #expect(CheckOutcome(parts: [pass, skip]).reason == "A held. B did not apply.")
        #expect(CheckOutcome(parts: [pass, fail, skip]).verdict == .fail)
        #expect(CheckOutcome(parts: [pass, fail, skip]).reason == "C broke.")
        #expect(CheckOutcome(parts: [skip]).verdict == .notApplicable)
    }

    @Test("a part the lab could not observe makes the check inconclusive, never a pass; a broken part still fails")
    func unobservedParts() {
        let pass = PartFinding(passed: true, sentence: "A held.")
        let unseen = PartFinding.inconclusive("B could not be tried: no answer.")
        let fail = PartFinding(passed: false, sentence: "C broke.")
        #expect(unseen.passed == nil)
        #expect(CheckOutcome(parts: [pass, unseen]).verdict == .inconclusive)
        #expect(CheckOutcome(parts: [pass, unseen]).reason == "B could not be tried: no answer. A held.")
        #expect(CheckOutcome(parts: [unseen]).verdict == .inconclusive)
        #expect(CheckOutcome(parts: [pass, unseen, fail]).verdict == .fail)
        #expect(CheckOutcome(parts: [pass, unseen, fail]).reason == "C broke. B could not be tried: no answer.")
    }
}
