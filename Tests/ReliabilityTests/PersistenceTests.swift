import ChaosLab
import Testing

extension LiveStackTests {
    @Suite("persistence")
    struct PersistenceTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(4)))
        func reference() async throws {
            let result = try await LiveStack.run(PersistenceCheck())
            #expect(result.verdict == .pass, "\(result.summary)")
            #expect(result.figure("queue.before")?.value == 21, "\(result.summary)")
            #expect(result.figure("queue.after")?.value == 21, "\(result.summary)")
            #expect(result.figure("lost")?.value == 0, "\(result.summary)")
        }

        @Test("fails with transient messages (transient-messages)", .timeLimit(.minutes(5)))
        func transientMessages() async throws {
            let result = try await LiveStack.run(PersistenceCheck(), knobs: [.transientMessages])
            #expect(result.verdict == .fail, "\(result.summary)")
            #expect(result.reason.hasPrefix("21 of 21 confirmed messages lost in the broker crash"), "\(result.reason)")
        }

        @Test("fails with a non-durable queue (non-durable-queue)", .timeLimit(.minutes(5)))
        func nonDurableQueue() async throws {
            let result = try await LiveStack.run(PersistenceCheck(), knobs: [.nonDurableQueue])
            #expect(result.verdict == .fail, "\(result.summary)")
            #expect(result.reason.contains("lost in the broker crash"), "\(result.reason)")
            #expect(result.reason.contains("the queue is not durable"), "\(result.reason)")
        }
    }
}
