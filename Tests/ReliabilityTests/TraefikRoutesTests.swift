import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("traefik-routes")
    struct TraefikRoutesTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(TraefikRoutesCheck())
            #expect(result.verdict == .pass, "\(result.explanation)")
            #expect(result.figure("routes.answered")?.value == 4, "\(result.explanation)")
            #expect((result.figure("routers")?.value ?? 0) >= 4, "\(result.explanation)")
        }

        @Test("fails when the management UI is routed elsewhere (monitor-route-moved)", .timeLimit(.minutes(5)))
        func monitorRouteMoved() async throws {
            let result = try await LiveStack.run(TraefikRoutesCheck(), knobs: [.monitorRouteMoved])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.contains("GET /monitor/ over http answered 404, expected 200 from the RabbitMQ management UI"), "\(result.reason)")
            #expect(result.reason.contains("no enabled router serves /monitor/"), "\(result.reason)")
            #expect(result.reason.contains("PathPrefix(`/moved`)"), "\(result.reason)")
        }
    }
}
