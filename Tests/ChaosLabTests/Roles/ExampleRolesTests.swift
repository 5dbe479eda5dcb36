@testable import ChaosLab
import Foundation
import Testing

/// The example student stacks resolve to the roles their live suites rely on, with nothing
/// missing, every check applicable and clean Traefik labels.
@Suite("Roles: the example student stacks")
struct ExampleRolesTests {
    static func composeFile(_ name: String) -> String {
        RolesFixture.repository.appendingPathComponent("examples/\(name)/docker-compose.yml").path
    }

    @Test("resolves the broker, sender, workers, queues and Traefik", arguments: ["student-good", "student-faulty"])
    func roles(example: String) throws {
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
        let proxy = try #require(roles.proxy)
        #expect(proxy.service == "traefik")
        #expect(proxy.baseURL == "http://127.0.0.1")
        #expect(proxy.secureBaseURL == "https://127.0.0.1")
        #expect(proxy.dashboardURL == "http://127.0.0.1:8080")
        #expect(resolution.missing.isEmpty, "\(resolution.missing.map(\.field))")
        // What the workers print limits nothing: the broker shows every delivery.
        #expect(resolution.checks.allSatisfy { $0.status == .applies }, "\(resolution.checks)")
        #expect(resolution.checks.allSatisfy { $0.status == .applies || $0.status == .limited }, "\(resolution.checks)")
    }

    @Test("Traefik labels lint clean", arguments: ["student-good", "student-faulty"])
    func lintsClean(example: String) throws {
        let report = try TraefikLinter.lint(composeFile: Self.composeFile(example), environment: [:])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description))")
    }
}
