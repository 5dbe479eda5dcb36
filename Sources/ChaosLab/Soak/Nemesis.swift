public import Logging

/// Plays a soak's schedule against a stack: at each fault's start it injects it through a
/// ``FaultInjector``, at its end it heals it, overlapping faults side by side, and it tells what
/// really happened as ``FaultWindow``s.
///
/// Cancelling ``run(_:from:)`` stops the injecting at once and leaves in force what was in
/// force; ``healAll()`` then undoes it, and cannot be cancelled itself.
public actor Nemesis {
    /// Injects and records every fault and remedy.
    public let injector: FaultInjector
    /// The broker's service: what a partition cuts a service off from.
    public let broker: String
    /// The grace period of a stop or restart.
    public let stopTimeout: Duration
    let logger: Logger
    /// The windows of the schedule played last, as they stand.
    public private(set) var windows: [FaultWindow] = []
    /// The remedy of each window whose fault may be in force: injection tried, not healed.
    private var open: [Int: Fault] = [:]
    /// Every address the broker was seen with, for partitions while it is down or after it
    /// moved.
    private var brokerAddresses: [String] = []
    private var origin = ContinuousClock.now
    /// Set by ``healAll()``: nothing is injected afterwards.
    private var stopped = false

    /// Creates a nemesis.
    /// - Parameters:
    ///   - injector: injects into the stack and records the faults.
    ///   - broker: the broker's service.
    ///   - stopTimeout: the grace period of a stop or a broker restart.
    ///   - logger: receives each injection and remedy at info level.
    public init(injector: FaultInjector, broker: String, stopTimeout: Duration = .seconds(10), logger: Logger = Logger(label: "chaoslab.nemesis")) {
        self.injector = injector
        self.broker = broker
        self.stopTimeout = stopTimeout
        self.logger = logger
    }

    /// Plays `schedule`, its times counted from `origin` (the load's start), until its last
    /// fault is healed or the task is cancelled.
    /// - Returns: one window per fault, in the schedule's order; on cancellation, the faults
    ///   not yet started have none of their times, and those in force no ``FaultWindow/healed``.
    public func run(_ schedule: SoakSchedule, from origin: ContinuousClock.Instant) async -> [FaultWindow] {
        self.origin = origin
        windows = schedule.faults.map { FaultWindow(fault: $0) }
        open = [:]
        // Looked up before the first fault: the broker may be down when a partition begins.
        if schedule.faults.contains(where: { $0.kind == .partition }) {
            await refreshBrokerAddresses()
        }
        await withTaskGroup(of: Void.self) { group in
            for index in windows.indices {
                group.addTask { await self.play(index) }
            }
        }
        return windows
    }

    /// One fault, from its start to its end.
    private func play(_ index: Int) async {
        let fault = windows[index].fault
        guard await sleep(until: fault.at), !stopped else { return }
        if fault.kind == .partition {
            // Known from the start and from each broker fault's end: looking now would delay
            // the injection by two Docker commands.
            if brokerAddresses.isEmpty {
                await refreshBrokerAddresses()
            }
            guard !brokerAddresses.isEmpty else {
                windows[index].errors.append("\(fault) was not injected: the broker \(broker) has no address to cut \(fault.service) off from (it has not run since the soak began).")
                return
            }
        }
        guard !stopped, !Task.isCancelled else { return }
        let plan = fault.plan(brokerAddresses: brokerAddresses, stopTimeout: stopTimeout)
        windows[index].injected = plan.injection
        windows[index].began = elapsed
        open[index] = plan.remedy
        logger.info("nemesis: \(plan.injection)", metadata: ["fault": "\(fault)"])
        var injected = true
        do {
            try await injector.inject(plan.injection)
        } catch is CancellationError {
            return
        } catch {
            windows[index].errors.append("\(plan.injection) failed: \(error)")
            injected = false
        }
        if Task.isCancelled { return }
        if plan.endsByItself {
            if injected {
                open[index] = nil
                windows[index].healed = elapsed
                await brokerBack(after: fault)
            } else {
                await heal(index)
            }
            return
        }
        // A failed injection may have done part of its work: it is undone at the end as well.
        guard await sleep(until: fault.end) else { return }
        await heal(index)
    }

    /// Applies a window's remedy; on failure it stays open for ``healAll()``.
    private func heal(_ index: Int) async {
        guard let remedy = open[index] else { return }
        logger.info("nemesis: \(remedy)")
        do {
            try await injector.inject(remedy)
            open[index] = nil
            windows[index].healed = elapsed
        } catch is CancellationError {
            return
        } catch {
            windows[index].errors.append("\(remedy) failed: \(error)")
        }
        await brokerBack(after: windows[index].fault)
    }

    /// A broker that ran again may have a new address, which later partitions must cut too.
    private func brokerBack(after fault: SoakFault) async {
        if fault.service == broker {
            await refreshBrokerAddresses()
        }
    }

    /// Undoes every fault still in force, the broker's first so the others' services can
    /// reconnect, and stops any further injection. Runs to its end even when the calling task
    /// is cancelled.
    /// - Returns: for each container it could not restore, a sentence naming it and the state
    ///   it is left in: `chaoslab_worker1_1 left paused: docker unpause failed: …`.
    @discardableResult
    public func healAll() async -> [String] {
        stopped = true
        // Not cancelled with the caller: a stack left half-healed is what this must prevent.
        return await Task { await self.healOpen() }.value
    }

    private func healOpen() async -> [String] {
        let order = open.keys.sorted { (windows[$0].fault.service == broker ? 0 : 1, $0) < (windows[$1].fault.service == broker ? 0 : 1, $1) }
        var left: [String] = []
        for index in order {
            guard let remedy = open[index] else { continue }
            do {
                try await injector.inject(remedy)
                open[index] = nil
                windows[index].healed = elapsed
            } catch {
                windows[index].errors.append("\(remedy) failed: \(error)")
                left += await leftBroken(windows[index].fault, reason: "\(remedy.action.commandName) failed: \(error)")
            }
        }
        return left
    }

    /// A sentence for each container that still shows `fault`.
    private func leftBroken(_ fault: SoakFault, reason: String) async -> [String] {
        let target = ServiceTarget(worker: fault.service)
        guard let instances = try? await injector.stack.instances(of: target.service).filter({ target.index == nil || $0.index == target.index }), !instances.isEmpty else {
            return ["service \(fault.service) left \(fault.leftState): \(reason)"]
        }
        return instances.filter(fault.stillShows(on:)).map { "\($0.containerName) left \(fault.leftState): \(reason)" }
    }

    private func refreshBrokerAddresses() async {
        let seen = (try? await injector.stack.instances(of: broker).flatMap(\.addresses)) ?? []
        for address in seen where !brokerAddresses.contains(address) {
            brokerAddresses.append(address)
        }
    }

    /// Seconds since the origin.
    private var elapsed: Double {
        (ContinuousClock.now - origin).seconds
    }

    /// Sleeps until `seconds` after the origin; `false` when cancelled.
    private func sleep(until seconds: Double) async -> Bool {
        do {
            try await Task.sleep(until: origin + .seconds(seconds), clock: .continuous)
            return true
        } catch {
            return false
        }
    }
}
