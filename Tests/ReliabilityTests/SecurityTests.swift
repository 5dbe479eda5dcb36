import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("security")
    struct SecurityTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            try await LiveStack.ensure()
            let result = try await expectPass(SecurityCheck())
            for phrase in ["guest is refused over AMQP", "guest is refused by the management API", "published on 127.0.0.1:8080->8080/tcp only"] {
                #expect(result.reason.contains(phrase), "\(result.reason)")
            }
        }

        @Test("fails when guest/guest may log in from anywhere (guest-remote)", .timeLimit(.minutes(5)))
        func guestRemote() async throws {
            try await LiveStack.ensure([.guestRemote])
            try await expectFail(SecurityCheck(), reasonContains: [
                "guest/guest logged in over AMQP at 127.0.0.1:5672", "guest/guest logged in to the management API",
            ])
        }
    }
}
