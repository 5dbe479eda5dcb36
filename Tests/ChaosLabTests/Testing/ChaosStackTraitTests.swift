@testable import ChaosLab
@testable import ChaosLabTesting
import Foundation
import Logging
import Testing

/// ChaosLabTesting's suite trait and expectations, on a driver that starts nothing.
@Suite("ChaosLabTesting: the stack a suite owns")
struct ChaosStackTraitTests {
    struct Boom: Error {}

    static func stack(_ driver: FakeStackDriver) -> ChaosStack {
        ChaosStack(driver: driver, composeFile: "/nowhere/compose.yml", roles: .fake, logger: Logger(label: "chaoslab.tests"))
    }

    @Test("the suite runs with its stack up and current, and the stack is taken down after, with a report of its checks")
    func upRunDown() async throws {
        let driver = FakeStackDriver()
        let stack = Self.stack(driver)
        try await withTemporaryDirectory { folder in
            let reports = URL(fileURLWithPath: folder + "/reports")
            try await ChaosStackTrait.own(stack, reportTo: reports, lockDirectory: URL(fileURLWithPath: folder)) {
                #expect(ChaosStack.current === stack)
                #expect(driver.calls == [.down, .up])
                try await expectPass(ScriptedCheck("one"))
                try await expectFail(ScriptedCheck("two", outcome: { .fail("It broke: 3 lost.") }), reasonContains: ["3 lost"])
            }
            #expect(driver.calls == [.down, .up, .down])
            let written = try ReportJSON.decoder().decode(RunReport.self, from: Data(contentsOf: reports.appendingPathComponent("report.json")))
            #expect(written.results.map(\.check) == ["one", "two"])
            #expect(written.composeFile == "/nowhere/compose.yml")
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("index.html").path))
        }
        #expect(ChaosStack.current == nil)
    }

    @Test("a suite that throws still has its stack taken down, and its error is the one reported")
    func tearsDownOnFailure() async throws {
        let driver = FakeStackDriver()
        _ = await withTemporaryDirectory { folder in
            await #expect(throws: Boom.self) {
                try await ChaosStackTrait.own(Self.stack(driver), reportTo: URL(fileURLWithPath: folder + "/reports"), lockDirectory: URL(fileURLWithPath: folder)) {
                    throw Boom()
                }
            }
        }
        #expect(driver.calls == [.down, .up, .down])
    }

    @Test("a teardown that fails fails the suite")
    func failedTeardownFails() async throws {
        let leftovers = StackError(project: "fake", code: .leftovers(containers: ["fake-worker1-1"], networks: [], volumes: []))
        let driver = FakeStackDriver(failingDown: (call: 2, error: leftovers))
        _ = await withTemporaryDirectory { folder in
            await #expect(throws: StackError.self) {
                try await ChaosStackTrait.own(Self.stack(driver), reportTo: URL(fileURLWithPath: folder + "/reports"), lockDirectory: URL(fileURLWithPath: folder)) {}
            }
        }
    }

    @Test("a stack is recreated only when asked for another environment, and comes back after a release")
    func recreation() async throws {
        let driver = FakeStackDriver()
        let stack = Self.stack(driver)
        try await stack.ensureUp([:])
        try await stack.ensureUp([:])
        #expect(driver.calls == [.down, .up])
        try await stack.ensureUp(["CHAOSLAB_KNOBS": "auto-ack"])
        #expect(driver.calls == [.down, .up, .down, .up])
        try await stack.release()
        try await stack.run(ScriptedCheck("after a release"))
        #expect(driver.calls == [.down, .up, .down, .up, .down, .down, .up])
        try await stack.release()
    }

    @Test("a switch of what some services read recreates only those, where the driver can; the broker's, or a stack that is down, recreate it whole")
    func recreatingSome() async throws {
        let driver = FakeStackDriver(recreatesSelectedServices: true)
        let stack = Self.stack(driver)
        try await stack.ensureUp(["CHAOSLAB_KNOBS": "auto-ack"], recreating: ["worker1"])
        #expect(driver.calls == [.down, .up], "a stack that is down comes up whole")
        try await stack.ensureUp([:], recreating: ["worker1", "worker2"])
        #expect(driver.calls == [.down, .up, .recreate(["worker1", "worker2"])])
        #expect(await stack.upEnvironment == [:])
        try await stack.ensureUp(["CHAOSLAB_KNOBS": "guest-remote"], recreating: nil)
        #expect(driver.calls == [.down, .up, .recreate(["worker1", "worker2"]), .down, .up])
        try await stack.ensureUp(["CHAOSLAB_KNOBS": "guest-remote", "UNREAD": "1"], recreating: [])
        #expect(driver.calls.count == 5, "nothing that reads the change: nothing is recreated")
        #expect(await stack.upEnvironment == ["CHAOSLAB_KNOBS": "guest-remote", "UNREAD": "1"])
        try await stack.release()
        #expect(await stack.upEnvironment == nil)

        let wholeOnly = FakeStackDriver()
        let other = Self.stack(wholeOnly)
        try await other.ensureUp([:])
        try await other.ensureUp(["CHAOSLAB_KNOBS": "auto-ack"], recreating: ["worker1"])
        #expect(wholeOnly.calls == [.down, .up, .down, .up], "a driver that cannot recreate some services recreates all")
        try await other.release()
    }

    @Test("a check run on a stack brought up with other settings says so in its evidence and in the report's header")
    func settingsAreEvidence() async throws {
        let stack = Self.stack(FakeStackDriver())
        try await stack.ensureUp(["CHAOSLAB_KNOBS": "auto-ack", "EMPTY": ""])
        let result = try await stack.run(ScriptedCheck("redelivery", outcome: { .fail("It broke.") }))
        #expect(result.evidence.first?.lines == ["brought up with CHAOSLAB_KNOBS=auto-ack"])
        try await stack.ensureUp([:])
        #expect(try await stack.run(ScriptedCheck("plain")).evidence.isEmpty)
        #expect(await stack.report(duration: .seconds(1)).knobs == ["CHAOSLAB_KNOBS=auto-ack"])
        try await stack.release()
    }

    @Test("an expectation that does not hold is recorded with the check's own reason")
    func failedExpectationSaysWhy() async throws {
        let stack = Self.stack(FakeStackDriver())
        try await ChaosStack.$current.withValue(stack) {
            try await stack.ensureUp([:])
            try await withKnownIssue {
                try await expectPass(ScriptedCheck("redelivery", outcome: { .fail("worker1 was killed holding redelivery-1, which never came back.") }))
            } matching: { issue in
                issue.comments.contains { $0.rawValue.contains("redelivery: expected pass, got fail: worker1 was killed holding redelivery-1") }
            }
            try await withKnownIssue {
                try await expectFail(ScriptedCheck("persistence", outcome: { .fail("21 of 21 confirmed messages lost.") }), reasonContains: ["non-durable"])
            } matching: { issue in
                issue.comments.contains { $0.rawValue.contains("does not say “non-durable”") }
            }
        }
        try await stack.release()
    }

    @Test("outside a .chaosStack suite, an expectation says where the stack comes from")
    func noStack() async throws {
        let error = await #expect(throws: ChaosStackError.self) { try await expectPass(ScriptedCheck("one")) }
        #expect(error?.description == "expectVerdict(.pass, one) needs a stack: put the test in a suite with the .chaosStack(compose:) trait (ChaosStack.current is nil).")
    }

    @Test("the trait resolves a student stack's roles as the CLI does and names its project after its folder")
    func resolvesRoles() throws {
        let compose = RolesFixture.repository.appendingPathComponent("examples/tutorial/docker-compose.yml").path
        let stack = try ChaosStackTrait(composeFile: compose).makeStack()
        #expect(stack.driver.projectName == ComposeConfiguration.stackProjectName(for: compose) || !(ProcessInfo.processInfo.environment["CHAOSLAB_PROJECT"] ?? "").isEmpty)
        #expect(stack.roles.broker == "rabbitmq")
        #expect(!stack.roles.workers.isEmpty)
        #expect(stack.resolution?.summary.isEmpty == false)
    }

    @Test("a compose file that does not exist is bad input, named")
    func missingComposeFile() throws {
        let error = #expect(throws: (any Error).self) { try ChaosStackTrait(composeFile: "/nowhere/compose.yml").makeStack() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("/nowhere/compose.yml"), "\(String(describing: error))")
    }

    @Test("reports go to reports/swift-test/<suite>, the suite's name made a folder name")
    func reportFolder() {
        #expect(ChaosStackTrait.defaultReportDirectory(suite: "Live stack").lastPathComponent == "Live-stack")
        #expect(ChaosStackTrait.defaultReportDirectory(suite: "Live stack").deletingLastPathComponent().lastPathComponent == "swift-test")
    }
}
