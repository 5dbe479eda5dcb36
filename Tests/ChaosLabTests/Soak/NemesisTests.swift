@testable import ChaosLab
import Foundation
import Testing

/// The nemesis playing short schedules (tenths of a second) against a fake stack.
@Suite("Nemesis")
struct NemesisTests {
    static let broker = ServiceInstance(
        service: "rabbitmq", index: 1, containerID: "bbb", containerName: "fake_rabbitmq_1", state: .running, health: .healthy,
        addresses: ["172.18.0.2"]
    )

    static func worker(_ state: InstanceState) -> ServiceInstance {
        ServiceInstance(service: "worker1", index: 1, containerID: "aaa", containerName: "fake_worker1_1", state: state, health: .none, networks: ["fake_default"])
    }

    static func nemesis(_ stack: FakeStackDriver) -> Nemesis {
        Nemesis(injector: FaultInjector(stack: stack), broker: "rabbitmq")
    }

    /// How long after `origin` the operation was asked for, in seconds.
    static func offsets(_ stack: FakeStackDriver, from origin: ContinuousClock.Instant) -> [(String, Double)] {
        stack.timedOperations.map { ($0.0.description, ($0.1 - origin).seconds) }
    }

    /// Seconds apart, with a second and a half of slack: the fast suite runs in parallel on a
    /// busy machine (its first run after a build once had a step 0.9 s late), and a tenth of a
    /// second is not a bound it can keep. Never early, in order, and the whole under 8 s.
    @Test("overlapping faults are injected and healed on time, side by side")
    func timing() async throws {
        let stack = FakeStackDriver(instances: [Self.broker])
        let nemesis = Self.nemesis(stack)
        let schedule = SoakSchedule(faults: [
            SoakFault(.pause, "worker1", at: 1, duration: 4),
            SoakFault(.partition, "worker2", at: 2, duration: 2),
            SoakFault(.brokerRestart, "rabbitmq", at: 3, duration: 0),
        ])
        let origin = ContinuousClock.now
        let windows = await nemesis.run(schedule, from: origin)
        let elapsed = (ContinuousClock.now - origin).seconds
        #expect(elapsed >= 5 && elapsed < 8)
        #expect(stack.operations.map(\.description) == [
            "pause worker1", "partition worker2 172.18.0.2", "restart rabbitmq", "restoreNetwork worker2", "unpause worker1",
        ])
        let planned: [String: Double] = ["pause worker1": 1, "partition worker2 172.18.0.2": 2, "restart rabbitmq": 3, "restoreNetwork worker2": 4, "unpause worker1": 5]
        for (operation, offset) in Self.offsets(stack, from: origin) {
            let at = try #require(planned[operation])
            #expect(offset >= at - 0.001 && offset < at + 1.5, "\(operation) at +\(offset) s")
        }
        #expect(windows.map(\.fault) == schedule.faults)
        #expect(windows.allSatisfy { $0.errors.isEmpty })
        for window in windows {
            let began = try #require(window.began)
            let healed = try #require(window.healed)
            #expect(began >= window.fault.at - 0.001 && began < window.fault.at + 1.5)
            #expect(healed >= window.fault.end - 0.001 && healed < window.fault.end + 1.5)
        }
        #expect(windows[1].injected == .partition("worker2", from: ["172.18.0.2"]))
        #expect(await nemesis.injector.brokenTargets.isEmpty)
        #expect(await nemesis.healAll().isEmpty)
    }

    @Test("a remedy that fails is kept in the window, and healAll names the container and its state")
    func failedRemedy() async throws {
        let stack = FakeStackDriver(instances: [Self.broker, Self.worker(.paused)], failing: ["unpause"])
        let nemesis = Self.nemesis(stack)
        let windows = await nemesis.run(SoakSchedule(faults: [SoakFault(.pause, "worker1", at: 0, duration: 0.05)]), from: .now)
        #expect(windows[0].healed == nil)
        #expect(windows[0].errors == ["unpause worker1 failed: `docker unpause fake_worker1_1` exited with status 1; stderr: unpause refused"])
        let left = await nemesis.healAll()
        #expect(left == ["fake_worker1_1 left paused: docker unpause failed: `docker unpause fake_worker1_1` exited with status 1; stderr: unpause refused"])
        #expect(stack.operations.map(\.name) == ["pause", "unpause", "unpause"])
    }

    @Test("a container that no longer shows the fault is not reported as left in it")
    func healedAnyway() async throws {
        let stack = FakeStackDriver(instances: [Self.broker, Self.worker(.running)], failing: ["unpause"])
        let nemesis = Self.nemesis(stack)
        _ = await nemesis.run(SoakSchedule(faults: [SoakFault(.pause, "worker1", at: 0, duration: 0.05)]), from: .now)
        #expect(await nemesis.healAll().isEmpty)
    }

    @Test("a failed injection is recorded and its remedy still tried at the end")
    func failedInjection() async throws {
        let stack = FakeStackDriver(instances: [Self.broker], failing: ["partition"])
        let nemesis = Self.nemesis(stack)
        let windows = await nemesis.run(SoakSchedule(faults: [SoakFault(.partition, "worker1", at: 0, duration: 0.05)]), from: .now)
        #expect(windows[0].errors.count == 1)
        #expect(windows[0].errors[0].hasPrefix("partition worker1 from 172.18.0.2 failed: "))
        #expect(windows[0].healed != nil)
        #expect(stack.operations.map(\.name) == ["partition", "restoreNetwork"])
    }

    @Test("a partition after a broker fault also cuts the address the broker came back with")
    func brokerMoved() async throws {
        let stack = FakeStackDriver(instances: [Self.broker])
        let nemesis = Self.nemesis(stack)
        let schedule = SoakSchedule(faults: [
            SoakFault(.brokerKill, "rabbitmq", at: 0, duration: 1),
            SoakFault(.partition, "worker1", at: 2, duration: 0.05),
        ])
        let run = Task { await nemesis.run(schedule, from: .now) }
        // The broker comes back at a new address: moved while it is down.
        try await Wait.until("the broker kill", deadline: .seconds(10), every: .milliseconds(20)) {
            stack.operations.isEmpty ? nil : true
        }
        var moved = Self.broker
        moved.addresses = ["172.18.0.9"]
        stack.setInstances([moved])
        _ = await run.value
        #expect(stack.operations.map(\.description) == ["kill rabbitmq KILL", "start rabbitmq", "partition worker1 172.18.0.2,172.18.0.9", "restoreNetwork worker1"])
    }

    @Test("a partition needs an address of the broker")
    func noBrokerAddress() async throws {
        let stack = FakeStackDriver()
        let windows = await Self.nemesis(stack).run(SoakSchedule(faults: [SoakFault(.partition, "worker1", at: 0, duration: 0.05)]), from: .now)
        #expect(windows[0].began == nil)
        #expect(windows[0].errors.first?.hasSuffix("was not injected: the broker rabbitmq has no address to cut worker1 off from (it has not run since the soak began).") == true)
        #expect(stack.operations.isEmpty)
    }

    @Test("cancelled, it stops injecting at once; healAll then undoes what is in force, the broker first")
    func cancellation() async throws {
        let stack = FakeStackDriver(instances: [Self.broker])
        let nemesis = Self.nemesis(stack)
        let schedule = SoakSchedule(faults: [
            SoakFault(.pause, "worker1", at: 0, duration: 30),
            SoakFault(.brokerKill, "rabbitmq", at: 0.5, duration: 30),
            SoakFault(.kill, "worker2", at: 20, duration: 5),
        ])
        let clock = ContinuousClock()
        let start = clock.now
        let run = Task { await nemesis.run(schedule, from: start) }
        // Cancelled once the first two faults are in (on a busy machine that takes a while).
        try await Wait.until("the first two faults", deadline: .seconds(10), every: .milliseconds(20)) {
            stack.operations.count >= 2 ? true : nil
        }
        let cancelled = clock.now
        run.cancel()
        let windows = await run.value
        #expect(clock.now - cancelled < .seconds(2))
        #expect(windows[0].began != nil && windows[0].healed == nil)
        #expect(windows[1].began != nil && windows[1].healed == nil)
        #expect(windows[2].began == nil)
        // healAll is called from a cancelled task, and heals all the same.
        let heal = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await nemesis.healAll()
        }
        #expect(await heal.value.isEmpty)
        // The injections' order is the scheduler's to decide on a busy machine; the heal's is
        // the nemesis's: the broker first.
        let operations = stack.operations.map(\.description)
        #expect(Set(operations.prefix(2)) == ["pause worker1", "kill rabbitmq KILL"], "\(operations)")
        #expect(Array(operations.dropFirst(2)) == ["start rabbitmq", "unpause worker1"], "\(operations)")
        #expect(await nemesis.windows.allSatisfy { $0.fault.at == 20 || $0.healed != nil })
    }
}
