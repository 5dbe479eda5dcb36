import ChaosLab
import Testing

extension LiveStackTests {
    @Suite("redelivery")
    struct RedeliveryTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(RedeliveryCheck())
            #expect(result.verdict == .pass, "\(result.summary)")
            #expect(result.figure("kill.to.redelivery") != nil, "\(result.summary)")
            #expect(result.faults.first?.fault.action == .kill(signal: .kill), "\(result.faults)")
        }

        @Test("fails when workers auto-ack (auto-ack)", .timeLimit(.minutes(5)))
        func autoAck() async throws {
            let result = try await LiveStack.run(RedeliveryCheck(), knobs: [.autoAck])
            #expect(result.verdict == .fail, "\(result.summary)")
            #expect(result.reason.hasPrefix("1 message lost: redelivery-"), "\(result.reason)")
            #expect(result.reason.contains("was never delivered again"), "\(result.reason)")
            #expect(result.reason.contains("with auto-ack (ack_required false)"), "\(result.reason)")
        }
    }
}
