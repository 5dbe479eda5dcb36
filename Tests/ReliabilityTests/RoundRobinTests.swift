import ChaosLab
import Testing

extension LiveStackTests {
    @Suite("round-robin")
    struct RoundRobinTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(RoundRobinCheck())
            #expect(result.verdict == .pass, "\(result.summary)")
            #expect(result.figure("deliveries.worker1")?.value == 10 || result.figure("deliveries.worker1").map { abs($0.value - 10) <= 2 } == true)
        }

        @Test("fails when worker2 never consumes (idle-worker2)", .timeLimit(.minutes(5)))
        func idleWorker() async throws {
            let result = try await LiveStack.run(RoundRobinCheck(), knobs: [.idleWorker2])
            #expect(result.verdict == .fail, "\(result.summary)")
            #expect(result.reason.contains("worker2 processed 0 of 20"), "\(result.reason)")
            #expect(result.reason.contains("1 consumer on chaoslab.work"), "\(result.reason)")
        }
    }
}
