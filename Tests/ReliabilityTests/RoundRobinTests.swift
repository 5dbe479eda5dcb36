import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("round-robin")
    struct RoundRobinTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            try await LiveStack.ensure()
            let result = try await expectPass(RoundRobinCheck())
            #expect(result.figure("deliveries.worker1").map { abs($0.value - 10) <= 2 } == true, "\(result.explanation)")
        }

        @Test("fails when worker2 never consumes (idle-worker2)", .timeLimit(.minutes(5)))
        func idleWorker() async throws {
            try await LiveStack.ensure([.idleWorker2])
            try await expectFail(RoundRobinCheck(), reasonContains: ["worker2 processed 0 of 20", "1 consumer on chaoslab.work"])
        }
    }
}
