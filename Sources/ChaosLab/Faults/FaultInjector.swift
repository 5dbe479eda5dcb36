import Foundation

/// Injects faults into a stack and remembers each one, in order, for the report.
///
/// It also remembers what it broke, so ``heal()`` can put the stack back as it was: a check
/// that fails halfway must not leave a worker killed, the broker paused or a worker's network
/// impaired for the next check.
public actor FaultInjector {
    /// The stack faults are injected into.
    public let stack: any StackDriver
    /// Every fault injected so far, in order.
    public private(set) var events: [FaultEvent] = []
    /// What each target is left with, to undo on ``heal()``.
    private var broken: [ServiceTarget: Damage] = [:]

    /// What one target is left with.
    private struct Damage {
        /// Stopped, killed, paused or frozen by SIGSTOP: the action that did it.
        var process: Fault.Action?
        /// Cut off its networks.
        var disconnected = false
        /// Partitioned, losing packets or limited (or possibly so, after a failed attempt).
        var impaired = false
        /// The Swarm node lost with it (or possibly so, after a failed attempt).
        var lostNode: String?
        /// The Swarm node partitioned with it (or possibly so, after a failed attempt).
        var partitionedNode: String?

        var isEmpty: Bool { process == nil && !disconnected && !impaired && lostNode == nil && partitionedNode == nil }
    }

    public init(stack: any StackDriver) {
        self.stack = stack
    }

    /// Injects `fault` and records it.
    /// - Returns: the recorded event.
    /// - Throws: the driver's error; the failed attempt is recorded too.
    @discardableResult
    public func inject(_ fault: Fault) async throws -> FaultEvent {
        let clock = ContinuousClock()
        let at = Date()
        let start = clock.now
        if fault.action.impairsNetwork {
            // Set before the attempt: one that fails halfway may have added rules, and heal()
            // removes whatever is there.
            broken[fault.target, default: Damage()].impaired = true
        }
        if case .loseNode(let node) = fault.action {
            // Likewise: a loss that failed halfway may have killed part of the node.
            broken[fault.target, default: Damage()].lostNode = node
        }
        if case .partitionNode(let node) = fault.action {
            broken[fault.target, default: Damage()].partitionedNode = node
        }
        do {
            try await perform(fault)
        } catch {
            let event = FaultEvent(fault: fault, at: at, took: clock.now - start, error: String(describing: error))
            events.append(event)
            if case .restart = fault.action {
                // A restart that failed between its stop and its start leaves the target stopped.
                broken[fault.target, default: Damage()].process = fault.action
            }
            throw error
        }
        let event = FaultEvent(fault: fault, at: at, took: clock.now - start)
        events.append(event)
        record(fault)
        return event
    }

    private func perform(_ fault: Fault) async throws {
        let target = fault.target
        switch fault.action {
        case .kill(let signal): try await stack.kill(target, signal: signal)
        case .stop(let timeout): try await stack.stop(target, timeout: timeout)
        case .start: try await stack.start(target)
        case .pause: try await stack.pause(target)
        case .unpause: try await stack.unpause(target)
        case .restart(let timeout): try await stack.restart(target, timeout: timeout)
        case .disconnect: try await stack.disconnect(target)
        case .connect: try await stack.connect(target)
        case .partition(let peers): try await network(for: target).partition(target, from: peers)
        case .dropPackets(let probability): try await network(for: target).dropPackets(target, probability: probability)
        case .limitBandwidth(let rate): try await network(for: target).limitBandwidth(target, kilobitsPerSecond: rate)
        case .restoreNetwork: try await network(for: target).restoreNetwork(target)
        case .loseNode(let node): try await nodes(for: target).loseNode(node)
        case .reviveNode(let node): try await nodes(for: target).reviveNode(node)
        case .partitionNode(let node): try await nodes(for: target).partitionNode(node)
        case .healNode(let node): try await nodes(for: target).healNode(node)
        case .rollingUpdate(let order):
            guard let updating = stack as? any ServiceUpdating else {
                throw StackError(project: stack.projectName, code: .invalidConfiguration(problem: "Updating \(target) task by task needs a stack on Swarm (`chaoslab run --swarm`)"))
            }
            try await updating.rollingUpdate(target.service, order: order)
        }
    }

    private func nodes(for target: ServiceTarget) throws -> any NodeFailing {
        guard let nodes = stack as? any NodeFailing else {
            throw StackError(project: stack.projectName, code: .invalidConfiguration(problem: "Failing the node that runs \(target) needs a stack on Swarm nodes (`chaoslab run --swarm`)"))
        }
        return nodes
    }

    private func network(for target: ServiceTarget) throws -> any NetworkImpairing {
        guard let network = stack as? any NetworkImpairing else {
            throw NetworkImpairmentError(project: stack.projectName, target: target, code: .unsupported)
        }
        return network
    }

    /// Updates what `fault`, just injected, left broken or mended.
    private func record(_ fault: Fault) {
        var damage = broken[fault.target] ?? Damage()
        switch fault.action {
        case .kill(let signal) where [.kill, .terminate, .stop].contains(signal): damage.process = fault.action
        case .kill(.continue) where damage.process == .kill(signal: .stop): damage.process = nil
        case .kill: break
        case .stop, .pause: damage.process = fault.action
        case .start, .restart: damage.process = nil
        case .unpause where damage.process == .pause: damage.process = nil
        case .unpause: break
        case .disconnect: damage.disconnected = true
        case .connect: damage.disconnected = false
        case .partition, .dropPackets, .limitBandwidth: damage.impaired = true
        case .restoreNetwork: damage.impaired = false
        case .loseNode(let node): damage.lostNode = node
        case .reviveNode: damage.lostNode = nil
        case .partitionNode(let node): damage.partitionedNode = node
        case .healNode: damage.partitionedNode = nil
        case .rollingUpdate: break
        }
        broken[fault.target] = damage.isEmpty ? nil : damage
    }

    /// Undoes every fault still in force (remove network impairments, reconnect, then start
    /// what was stopped or killed and unpause), recording each step. Errors are collected, not
    /// thrown one by one.
    /// - Returns: descriptions of the steps that failed.
    @discardableResult
    public func heal() async -> [String] {
        var failures: [String] = []
        for (target, damage) in broken.sorted(by: { $0.key.description < $1.key.description }) {
            for remedy in Self.remedies(for: damage, of: target) {
                do {
                    try await inject(remedy)
                } catch {
                    failures.append("\(remedy): \(error)")
                }
            }
            broken[target] = nil
        }
        return failures
    }

    private static func remedies(for damage: Damage, of target: ServiceTarget) -> [Fault] {
        var remedies: [Fault] = []
        if let node = damage.lostNode { remedies.append(.reviveNode(node, of: target)) }
        if let node = damage.partitionedNode { remedies.append(.healNode(node, of: target)) }
        if damage.impaired { remedies.append(.restoreNetwork(target)) }
        if damage.disconnected { remedies.append(.connect(target)) }
        switch damage.process {
        case .pause?: remedies.append(.unpause(target))
        case .kill(signal: .stop)?: remedies.append(Fault(.kill(signal: .continue), target))
        case .some: remedies.append(.start(target))
        case nil: break
        }
        return remedies
    }

    /// The targets currently left broken.
    public var brokenTargets: [ServiceTarget] {
        broken.keys.sorted { $0.description < $1.description }
    }
}

extension Fault.Action {
    /// Whether the action impairs the network from inside the target's namespace.
    var impairsNetwork: Bool {
        switch self {
        case .partition, .dropPackets, .limitBandwidth: true
        default: false
        }
    }
}
