@testable import ChaosLab
import Foundation
import Testing

/// The example student stacks declare nothing for the lab: their roles come from their compose
/// files and code alone, and resolve to what their live suites rely on.
@Suite("Roles: the example student stacks")
struct ExampleRolesTests {
    /// Every folder of `examples/`, so a new example is held to the same rules.
    static let examples: [String] = {
        let folder = RolesFixture.repository.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/docker-compose.yml").path) }.sorted()
    }()

    @Test("the examples are found")
    func examplesFound() {
        #expect(Self.examples == ["counter-faulty", "counter-good", "scaled-workers", "single-worker", "single-worker-faulty", "student-faulty", "student-good", "tutorial"])
    }

    @Test("scaled-workers: one worker service with two replicas is two workers, so the delivery checks apply as to two named workers")
    func scaledWorkers() throws {
        let resolution = try RolesFixture.resolve(Self.composeFile("scaled-workers"))
        let roles = try #require(resolution.roles, "\(resolution.missing)")
        #expect(roles.workers == ["worker#1", "worker#2"])
        #expect(roles.workQueue == "task_queue")
        let statuses = Self.statuses(resolution)
        for check in ["round-robin", "prefetch-fairness", "redelivery"] {
            #expect(statuses[check] == "applies", "\(check): \(statuses[check] ?? "")")
        }
        #expect(resolution.notes.contains { $0.contains("--scale worker=2") })
    }

    @Test("single-worker and its faulty twin: one worker, the API without work time; redelivery in part (a burst, the worker started again); the log the worker appends to, from its WORKDIR",
          arguments: ["single-worker", "single-worker-faulty"])
    func singleWorker(example: String) throws {
        let resolution = try RolesFixture.resolve(Self.composeFile(example))
        let roles = try #require(resolution.roles, "\(resolution.missing)")
        #expect(roles.workers == ["worker"])
        #expect(roles.workQueue == "messages")
        #expect(roles.deadLetterQueue == "messages.dlq")
        #expect(roles.api?.supportsWorkTime == false)
        #expect(roles.api?.poisonBodyTemplate == #"{"message": "{{token}} poison"}"#)
        #expect(Self.statuses(resolution)["redelivery"] == "limited")
        #expect(Self.statuses(resolution)["dead-letter"] == "applies")
        #expect(roles.workerEvidence.effectFile == "/app/data/messages.log")
        #expect(resolution.source(of: .effectFile)?.description == "guessed from the file worker appends to in worker/worker.py:\(example == "single-worker" ? 47 : 70), from WORKDIR /app of worker/Dockerfile")
    }

    @Test("the counting examples: the counter, its page and login, the producers' events and their trigger", arguments: ["counter-good", "counter-faulty"])
    func counters(example: String) throws {
        let resolution = try RolesFixture.resolve(Self.composeFile(example))
        let roles = try #require(resolution.roles, "\(resolution.missing)")
        let good = example == "counter-good"
        #expect(roles.workers == ["reporte"])
        #expect(roles.counter == CounterRole(service: "reporte", url: "http://127.0.0.1/reporte", user: "admin", password: good ? "Cnt-reporte-2b7e41" : "123"))
        #expect(roles.trigger == EventTrigger(url: "http://127.0.0.1/cliente/uno", key: "app1"))
        #expect(roles.api == nil)
        #expect(roles.events == (good
            ? EventRoute(exchange: "eventos_clientes", routingKey: "analiticas", bodyTemplate: #"{"cliente": "{{token}}", "evento": "visita", "timestamp": "2026-01-01 00:00:00"}"#, persistent: true)
            : EventRoute(routingKey: "registro", bodyTemplate: "{'service_id': '{{token}}', 'timestamp': '2026-01-01 00:00:00', 'action': 'registro'}")))
        #expect(Self.statuses(resolution)["exact-counts"] == "applies")
        #expect(Self.statuses(resolution)["redelivery"] == "limited")
        // Through Traefik: the trigger answers, the page asks for its login.
        #expect(roles.proxy?.routes == [
            ProxyRoute(path: "/cliente/uno", target: "a producer's trigger (it publishes one event)"),
            ProxyRoute(path: "/reporte", target: "the counter's page, asked without its login", status: 401),
        ])
        #expect(Self.statuses(resolution)["traefik-routes"] == "applies")
    }

    static func composeFile(_ name: String) -> String {
        RolesFixture.repository.appendingPathComponent("examples/\(name)/docker-compose.yml").path
    }

    @Test("no example declares anything for the lab", arguments: examples)
    func declaresNothing(example: String) throws {
        let text = try String(contentsOfFile: Self.composeFile(example), encoding: .utf8)
        #expect(!text.contains("x-chaoslab"))
        #expect(!FileManager.default.fileExists(atPath: RolesFixture.repository.appendingPathComponent("examples/\(example)/chaoslab.yml").path))
        let resolution = try RolesFixture.resolve(Self.composeFile(example))
        #expect(resolution.findings.allSatisfy { !$0.source.isDeclared }, "\(resolution.findings.filter(\.source.isDeclared).map(\.field))")
    }

    @Test("the two course stacks: broker, sender, workers, queues, poison, closing lines and Traefik", arguments: ["student-good", "student-faulty"])
    func courseStacks(example: String) throws {
        let resolution = try RolesFixture.resolve(Self.composeFile(example))
        let roles = try #require(resolution.roles, "\(resolution.missing)")
        #expect(roles.broker == "rabbitmq")
        #expect(roles.workers == ["worker1", "worker2"])
        #expect(roles.workQueue == "task_queue")
        #expect(roles.deadLetterQueue == "task_queue.dlq")
        #expect(roles.brokerAccess?.user == "tasks")
        #expect(roles.brokerAccess?.password == "Tq7-broker-f3b9c2")
        #expect(roles.brokerAccess?.amqpPort == 5672)
        let api = try #require(roles.api)
        #expect(api.service == "sender")
        #expect(api.baseURL == "http://127.0.0.1:5000")
        #expect(api.proxiedBaseURL == "http://127.0.0.1")
        #expect(api.messagePath == "/api/message")
        #expect(api.healthPath == "/api/health")
        #expect(api.user == "sender")
        #expect(api.password == "Tq7-sender-8d41ae")
        #expect(api.supportsWorkTime)
        #expect(api.body(token: "t-1", workMilliseconds: 4_000) == #"{"message": "t-1...."}"#)
        #expect(api.poisonBody(token: "t-1") == #"{"message": "t-1 poison"}"#)
        // The good worker rejects the poison; the faulty one (auto-ack) can only skip it.
        let poisonSource = example == "student-good"
            ? "guessed from 'poison' in worker/worker.py:43, a message the worker rejects"
            : "guessed from 'poison' in worker/worker.py:32, a message the worker does not process"
        #expect(resolution.source(of: .apiPoisonBodyTemplate)?.description == poisonSource)
        let proxy = try #require(roles.proxy)
        #expect(proxy.service == "traefik")
        #expect(proxy.baseURL == "http://127.0.0.1")
        #expect(proxy.secureBaseURL == "https://127.0.0.1")
        #expect(proxy.dashboardURL == "http://127.0.0.1:8080")
        // The good worker prints ` [x] Done` before acknowledging and ` [!] Rejected …` before
        // rejecting, shown beside the broker's account; the faulty one acknowledges nothing
        // (auto-ack). Neither limits a check: the broker shows every delivery.
        let good = example == "student-good"
        #expect(roles.workerEvidence.donePattern == (good ? #"\[x\] Done"# : nil))
        #expect(roles.workerEvidence.rejectedPattern == (good ? #"\[!\] Rejected"# : nil))
        #expect(resolution.checks.filter { $0.check != "exact-counts" }.allSatisfy { $0.status == .applies }, "\(resolution.checks)")
        #expect(resolution.missing.isEmpty, "\(resolution.missing.map(\.field))")
    }

    @Test("the tutorial copy: the queue, the dead-letter queue built from it, the route, the dots, the poison word and the closing lines from the code")
    func tutorial() throws {
        let resolution = try RolesFixture.resolve(Self.composeFile("tutorial"))
        let roles = try #require(resolution.roles, "\(resolution.missing)")
        #expect(roles.broker == "rabbitmq")
        #expect(roles.workers == ["worker1", "worker2"])
        #expect(roles.workQueue == "task_queue")
        #expect(resolution.source(of: .workQueue)?.description == "guessed from the queue named in worker/worker.py:8")
        #expect(roles.deadLetterQueue == "task_queue.dlq")
        #expect(resolution.source(of: .deadLetterQueue)?.description == "guessed from the dead-letter queue named in worker/worker.py:10")
        #expect(roles.brokerAccess == BrokerAccess(amqpPort: 5672, managementURL: "http://127.0.0.1:15672", user: "tutorial", password: "W0rk-Queues-2024"))
        #expect(roles.api == APIRole(
            service: "sender",
            baseURL: "http://127.0.0.1:5000",
            messagePath: "/send",
            healthPath: "/health",
            bodyTemplate: RoleInference.dotsBodyTemplate,
            poisonBodyTemplate: #"{"message": "{{token}} fail"}"#,
            supportsWorkTime: true
        ))
        #expect(resolution.source(of: .apiMessagePath)?.description == "guessed from the POST route in sender/app.py:34")
        #expect(resolution.source(of: .apiBodyTemplate)?.description == "guessed from .count(b'.') in worker/worker.py:33, a worker that works one second per dot")
        #expect(resolution.source(of: .apiPoisonBodyTemplate)?.description == "guessed from 'fail' in worker/worker.py:29, a message the worker rejects")
        #expect(roles.workerEvidence == WorkerEvidence(receivedPattern: RoleInference.anyTokenPattern, donePattern: #"\[x\] Done"#, rejectedPattern: #"\[x\] Rejected"#))
        #expect(roles.proxy == nil)
        #expect(Self.statuses(resolution) == [
            "round-robin": "applies", "prefetch-fairness": "applies", "redelivery": "applies", "persistence": "applies",
            "dead-letter": "applies", "api-contract": "applies", "security": "limited", "traefik-routes": "not-applicable",
            "exact-counts": "not-applicable",
        ])
        #expect(resolution.missing.map(\.field) == [.proxyService])
        #expect(resolution.exitStatus == 0)
    }

    @Test("Traefik labels lint clean", arguments: examples)
    func lintsClean(example: String) throws {
        let report = try TraefikLinter.lint(composeFile: Self.composeFile(example), environment: [:])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description))")
    }

    static func statuses(_ resolution: RolesResolution) -> [String: String] {
        Dictionary(uniqueKeysWithValues: resolution.checks.map { ($0.check, $0.status.rawValue) })
    }
}
