@testable import ChaosLab
import Foundation
import Logging
import Synchronization
import Testing

/// A session end to end on a driver that starts nothing.
@Suite("Lab session")
struct LabSessionTests {
    static let leftovers = StackError(project: "fake", code: .leftovers(containers: ["fake-worker1-1"], networks: [], volumes: []))
    static let removal = "`chaoslab down --project fake`"

    func session(_ driver: FakeStackDriver, locks: String) -> LabSession {
        LabSession(
            stack: driver, roles: .fake, logger: Logger(label: "chaoslab.tests"), serviceNames: { ["rabbitmq", "worker1"] },
            removal: Self.removal, lockDirectory: URL(fileURLWithPath: locks)
        )
    }

    @Test("a session brings the stack up, runs every check in order and takes it down")
    func runsAndTearsDown() async throws {
        let driver = FakeStackDriver()
        let run = try await withTemporaryDirectory { locks in
            try await session(driver, locks: locks).run([ScriptedCheck("one"), ScriptedCheck("two", outcome: { .fail("It broke.") })], collectLogs: true)
        }
        #expect(run.results.map(\.check) == ["one", "two"])
        #expect(run.results.map(\.verdict) == [.pass, .fail])
        #expect(run.stoppedBy == nil)
        #expect(run.logs == ["rabbitmq": "- stdout rabbitmq ran\n", "worker1": "- stdout worker1 ran\n"])
        #expect(run.teardown.description == "the stack was removed")
        #expect(driver.calls == [.down, .up, .down])
    }

    /// A check that stops every worker and passes.
    struct StoppingCheck: ReliabilityCheck {
        var name: String { "stopping" }
        var title: String { "Stops the workers" }
        var expectation: String { "Nothing consumes." }
        var mutants: [FixtureKnob] { [] }
        func run(in context: CheckContext) async throws -> CheckOutcome {
            try await context.stopWorkers()
            return .pass("Stopped.")
        }
    }

    @Test("the workers a check stops are stopped at once, not each after the other's grace period")
    func stopsWorkersTogether() async throws {
        let driver = FakeStackDriver(consumers: 3, stopTakes: .milliseconds(500))
        var roles = StackRoles.fake
        roles.workers = ["worker1", "worker2", "worker3"]
        let run = try await withTemporaryDirectory { locks in
            let session = LabSession(
                stack: driver, roles: roles, logger: Logger(label: "chaoslab.tests"), serviceNames: { ["rabbitmq"] },
                removal: Self.removal, lockDirectory: URL(fileURLWithPath: locks)
            )
            return try await session.run([StoppingCheck()])
        }
        #expect(run.results.map(\.verdict) == [.pass])
        let stops = driver.timedOperations.filter { $0.0.name == "stop" }
        #expect(Set(stops.map(\.0.target.service)) == ["worker1", "worker2", "worker3"])
        // One after another, each stop would begin 500 ms after the one before.
        let spread = try #require(stops.map(\.1).max()) - #require(stops.map(\.1).min())
        #expect(spread < .milliseconds(500), "the stops began \(spread) apart")
    }

    @Test("a check starts only once no healthcheck is still starting, as after a broker restart Traefik routes nothing to it yet")
    func waitsForHealthchecks() async throws {
        let broker = { (health: InstanceHealth) in
            ServiceInstance(service: "rabbitmq", index: 1, containerID: "bbb", containerName: "fake_rabbitmq_1", state: .running, health: health)
        }
        let driver = FakeStackDriver(instances: [broker(.starting)])
        let turnedHealthy = Mutex<ContinuousClock.Instant?>(nil)
        let checkStarted = Mutex<ContinuousClock.Instant?>(nil)
        let healer = Task {
            try await Task.sleep(for: .seconds(1))
            turnedHealthy.withLock { $0 = .now }
            driver.setInstances([broker(.healthy)])
        }
        let run = try await withTemporaryDirectory { locks in
            try await session(driver, locks: locks).run([ScriptedCheck("one", outcome: {
                checkStarted.withLock { $0 = .now }
                return .pass("It held.")
            })])
        }
        try await healer.value
        #expect(run.results.map(\.verdict) == [.pass])
        let healthy = try #require(turnedHealthy.withLock { $0 })
        let started = try #require(checkStarted.withLock { $0 })
        #expect(started > healthy)
    }

    @Test("when the final down fails, the results and logs are kept and the failure says how to remove the stack")
    func teardownFailureKeepsResults() async throws {
        let driver = FakeStackDriver(failingDown: (call: 2, error: Self.leftovers))
        let run = try await withTemporaryDirectory { locks in
            try await session(driver, locks: locks).run([ScriptedCheck("one"), ScriptedCheck("two")], collectLogs: true)
        }
        #expect(run.results.map(\.verdict) == [.pass, .pass])
        #expect(run.logs.count == 2)
        let error = try #require(run.teardownError)
        #expect(
            error.description
                == "the stack of project fake could not be removed (Project `fake` still has containers fake-worker1-1 after `down`); remove it with `chaoslab down --project fake`."
        )
        #expect(throws: TeardownError.self) { try run.completeResults() }
    }

    @Test("with keepUp the stack stays, and the session says so instead of claiming it was removed")
    func keptUp() async throws {
        let driver = FakeStackDriver()
        let run = try await withTemporaryDirectory { locks in
            try await session(driver, locks: locks).run([ScriptedCheck("one")], keepUp: true)
        }
        #expect(driver.calls == [.down, .up])
        #expect(run.teardown.description == "the stack was left running, as asked; remove it with `chaoslab down --project fake`")
    }

    @Test("a cancelled session keeps the results so far, marks the checks it never started, and still takes the stack down")
    func cancelled() async throws {
        let driver = FakeStackDriver()
        let run = try await withTemporaryDirectory { locks in
            let session = session(driver, locks: locks)
            return try await Task {
                try await session.run([
                    ScriptedCheck("one"),
                    ScriptedCheck("two", outcome: {
                        withUnsafeCurrentTask { $0?.cancel() }
                        try Task.checkCancellation()
                        return .pass("Unreachable.")
                    }),
                    ScriptedCheck("three"),
                ])
            }.value
        }
        #expect(run.wasCancelled)
        #expect(run.results.map(\.check) == ["one", "two", "three"])
        #expect(run.results.map(\.verdict) == [.pass, .inconclusive, .inconclusive])
        #expect(run.results[2].reason == "Not run: the run was stopped before this check started.")
        #expect(driver.calls == [.down, .up, .down])
        #expect(run.teardown.description == "the stack was removed")
    }

    @Test("a session cancelled before the stack came up finishes removing the old one and starts nothing")
    func cancelledBeforeUp() async {
        let driver = FakeStackDriver()
        await withTemporaryDirectory { locks in
            let session = session(driver, locks: locks)
            let work = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await session.run([ScriptedCheck("one")])
            }
            await #expect(throws: CancellationError.self) { try await work.value }
        }
        #expect(driver.calls == [.down])
    }

    @Test("a session on a project another run holds is refused at once and starts nothing")
    func refusedWhileHeld() async throws {
        try await withTemporaryDirectory { locks in
            let driver = FakeStackDriver()
            let other = try ProjectLock.acquire("fake", in: URL(fileURLWithPath: locks), as: ProjectLockHolder(pid: 4711, command: "chaoslab run", since: Date()))
            let error = try await #require(throws: ProjectLockError.self) {
                try await session(driver, locks: locks).run([ScriptedCheck("one")])
            }
            #expect(error.description.hasPrefix("project fake is in use by pid 4711 (chaoslab run, since "))
            #expect(driver.calls.isEmpty)
            other.release()
        }
    }

    @Test("a session inside a claim its own task holds runs under it, and gives nothing back early")
    func runsInsideHeldClaim() async throws {
        try await withTemporaryDirectory { locks in
            let directory = URL(fileURLWithPath: locks)
            let driver = FakeStackDriver()
            try await ProjectLock.holding("fake", in: directory) {
                let run = try await session(driver, locks: locks).run([ScriptedCheck("one")])
                #expect(run.results.map(\.verdict) == [.pass])
                #expect(ProjectLock.recordedHolder(of: "fake", in: directory) != nil)
            }
            #expect(ProjectLock.recordedHolder(of: "fake", in: directory) == nil)
        }
    }

    @Test("a session on a compose project removes a stack it cannot with chaoslab down or compose")
    func composeRemoval() {
        let configuration = ComposeConfiguration(projectName: "chaoslab-parcial-2", composeFile: "/home/grader/parcial 2/docker-compose.yml", cli: .standalone)
        #expect(
            ComposeDriver(configuration: configuration).removal
                == "`chaoslab down --project chaoslab-parcial-2 --compose '/home/grader/parcial 2/docker-compose.yml'` or `docker-compose -p chaoslab-parcial-2 -f '/home/grader/parcial 2/docker-compose.yml' down -v --remove-orphans`"
        )
    }
}
