import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("persistence")
    struct PersistenceTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(4)))
        func reference() async throws {
            try await LiveStack.ensure()
            let result = try await expectPass(PersistenceCheck())
            #expect(result.figure("queue.before")?.value == 21, "\(result.explanation)")
            #expect(result.figure("queue.after")?.value == 21, "\(result.explanation)")
            #expect(result.figure("lost")?.value == 0, "\(result.explanation)")
        }

        @Test("fails with transient messages (transient-messages)", .timeLimit(.minutes(5)))
        func transientMessages() async throws {
            try await LiveStack.ensure([.transientMessages])
            let result = try await expectFail(PersistenceCheck())
            #expect(result.reason.hasPrefix("21 of 21 confirmed messages lost in the broker crash"), "\(result.reason)")
        }

        @Test("fails with a non-durable queue (non-durable-queue)", .timeLimit(.minutes(5)))
        func nonDurableQueue() async throws {
            try await LiveStack.ensure([.nonDurableQueue])
            try await expectFail(PersistenceCheck(), reasonContains: ["lost in the broker crash", "the queue is not durable"])
        }
    }
}
