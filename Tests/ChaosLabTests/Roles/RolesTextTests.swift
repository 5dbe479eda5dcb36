@testable import ChaosLab
import Foundation
import Testing

/// What `chaoslab inspect` prints.
@Suite("Roles: inspect's text")
struct RolesTextTests {
    @Test("each value with its source, what is missing, the checks, a summary")
    func seed002Text() throws {
        let text = try RolesFixture.resolve(RolesFixture.seed("seed-002")).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("Roles of ") == true)
        #expect(lines.contains("broker"))
        #expect(lines.contains("  service             rabbitmq-service  (guessed from image rabbitmq:3-management of service rabbitmq-service)"))
        #expect(lines.contains("workers               worker1, worker2  (guessed from worker1: its name; worker2: its name)"))
        #expect(lines.contains("  password            ********  (default: RabbitMQ's built-in password, as nothing sets another)"))
        #expect(lines.contains { $0.hasPrefix("  dead_letter_queue") && $0.contains("Affects: dead-letter.") })
        #expect(lines.contains("  traefik-routes      not-applicable: The stack has no reverse proxy."))
        #expect(lines.contains(#"  body_template       {"message": "{{token}}{{work_dots}}"}  (guessed from .count('.') in worker/worker.py:16, a worker that works one second per dot)"#))
        #expect(lines.last == "0 declared, 10 guessed, 5 default; 5 checks apply fully, 2 in part, 2 not at all.")
        #expect(!text.contains("guest  (guessed"))
    }

    @Test("no password appears in the text or the JSON of the findings")
    func secretsHidden() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.reference)
        #expect(!resolution.text.contains("chaoslab-secret"))
        #expect(!resolution.text.contains("chaoslab-api-secret"))
        let json = String(decoding: try JSONEncoder().encode(resolution.findings), as: UTF8.self)
        #expect(!json.contains("secret"))
    }
}
