import ChaosLab
import ChaosLabTesting
import Foundation
import TeamChecks
import Testing

/// The stack under test: `TEAM_COMPOSE_FILE` when set, else the ChaosLab reference stack two
/// folders up (a team writes its own `deploy/compose.yml` here).
let composeFile = ProcessInfo.processInfo.environment["TEAM_COMPOSE_FILE"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../compose/docker-compose.yml").standardized.path

/// What the team promises before each release, on its own stack, brought up once for the
/// suite and always taken down; the report set goes to `reports/swift-test/Release-checks/`.
@Suite("Release checks", .serialized, .chaosStack(compose: composeFile))
struct ReleaseChecks {
    @Test("messages are shared round-robin between the workers")
    func roundRobin() async throws {
        try await expectPass(RoundRobinCheck())
    }

    @Test("a worker killed mid-task loses nothing: its message is redelivered")
    func redelivery() async throws {
        try await expectPass(RedeliveryCheck())
    }

    @Test("our own check: a burst is processed once per message, by every worker")
    func burst() async throws {
        let result = try await expectPass(BurstProcessedOnceCheck(messages: 40))
        #expect(result.figure("processed")?.value == 40, "\(result.explanation)")
    }
}
