import ChaosLab
import Testing

extension LiveStackTests {
    @Suite("security")
    struct SecurityTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(SecurityCheck())
            #expect(result.verdict == .pass, "\(result.summary)")
            #expect(result.reason.contains("guest is refused over AMQP"), "\(result.reason)")
            #expect(result.reason.contains("guest is refused by the management API"), "\(result.reason)")
            #expect(result.reason.contains("published on 127.0.0.1:8080->8080/tcp only"), "\(result.reason)")
        }

        @Test("fails when guest/guest may log in from anywhere (guest-remote)", .timeLimit(.minutes(5)))
        func guestRemote() async throws {
            let result = try await LiveStack.run(SecurityCheck(), knobs: [.guestRemote])
            #expect(result.verdict == .fail, "\(result.summary)")
            #expect(result.reason.contains("guest/guest logged in over AMQP at 127.0.0.1:5672"), "\(result.reason)")
            #expect(result.reason.contains("guest/guest logged in to the management API"), "\(result.reason)")
        }
    }
}
