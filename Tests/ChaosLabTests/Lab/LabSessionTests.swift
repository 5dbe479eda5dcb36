@testable import ChaosLab
import Foundation
import Logging
import Testing

/// A session end to end on a driver that starts nothing.
@Suite("Lab session")
struct LabSessionTests {
    func session(_ driver: FakeStackDriver) -> LabSession {
        LabSession(stack: driver, roles: .fake, logger: Logger(label: "chaoslab.tests"), serviceNames: { ["rabbitmq", "worker1"] })
    }

    @Test("a session brings the stack up, runs every check in order and takes it down")
    func runsAndTearsDown() async throws {
        let driver = FakeStackDriver()
        let results = try await session(driver).run([ScriptedCheck("one"), ScriptedCheck("two", outcome: { .fail("It broke.") })])
        #expect(results.map(\.check) == ["one", "two"])
        #expect(results.map(\.verdict) == [.pass, .fail])
        #expect(driver.calls == [.down, .up, .down])
    }
}
