import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("dead-letter")
    struct DeadLetterTests {
        @Test("passes on the reference stack: rejected, expired and maxlen each dead-lettered", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(DeadLetterCheck())
            #expect(result.verdict == .pass, "\(result.explanation)")
            #expect(result.figure("poison.deliveries")?.value == 1, "\(result.explanation)")
            #expect(result.figure("poison.xdeath.count")?.value == 1, "\(result.explanation)")
            #expect(result.figure("followers.processed")?.value == 3, "\(result.explanation)")
            #expect(result.figure("expired.to.dlq") != nil, "\(result.explanation)")
            #expect(result.figure("maxlen.held")?.value == 1000, "\(result.explanation)")
            #expect(result.reason.contains("reason rejected") && result.reason.contains("reason expired") && result.reason.contains("reason maxlen"), "\(result.reason)")
        }

        @Test("reports a redelivery loop with its count when poison is requeued (requeue-poison)", .timeLimit(.minutes(5)))
        func requeuePoison() async throws {
            let result = try await LiveStack.run(DeadLetterCheck(), knobs: [.requeuePoison])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.hasPrefix("Redelivery loop: the poison message dead-letter-"), "\(result.reason)")
            #expect(result.reason.contains("requeued on every rejection, and never reached chaoslab.dead"), "\(result.reason)")
            #expect((result.figure("poison.deliveries")?.value ?? 0) >= 3, "\(result.explanation)")
        }

        @Test("names the silent loss when the work queue has no dead-letter exchange (no-dead-letter)", .timeLimit(.minutes(5)))
        func noDeadLetter() async throws {
            let result = try await LiveStack.run(DeadLetterCheck(), knobs: [.noDeadLetter])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.hasPrefix("Silent loss: the poison message dead-letter-"), "\(result.reason)")
            #expect(result.reason.contains("because chaoslab.work has no x-dead-letter-exchange"), "\(result.reason)")
            #expect(result.reason.contains("vanished (silent loss)"), "\(result.reason)")
        }
    }
}
