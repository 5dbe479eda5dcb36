import Foundation

/// Injects faults into a stack and remembers each one, in order, for the report.
///
/// It also remembers what it broke, so ``heal()`` can put the stack back as it was: a check
/// that fails halfway must not leave a worker killed or the broker paused for the next check.
public actor FaultInjector {
    /// The stack faults are injected into.
    public let stack: any StackDriver
    /// Every fault injected so far, in order.
    public private(set) var events: [FaultEvent] = []
    /// Services left stopped, killed, paused or cut off, to undo on ``heal()``.
    private var broken: [ServiceTarget: Fault.Action] = [:]

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
        do {
            switch fault.action {
            case .kill(let signal): try await stack.kill(fault.target, signal: signal)
            case .stop(let timeout): try await stack.stop(fault.target, timeout: timeout)
            case .start: try await stack.start(fault.target)
            case .pause: try await stack.pause(fault.target)
            case .unpause: try await stack.unpause(fault.target)
            case .disconnect: try await stack.disconnect(fault.target)
            case .connect: try await stack.connect(fault.target)
            }
        } catch {
            let event = FaultEvent(fault: fault, at: at, took: clock.now - start, error: String(describing: error))
            events.append(event)
            throw error
        }
        let event = FaultEvent(fault: fault, at: at, took: clock.now - start)
        events.append(event)
        switch fault.action {
        case .start, .unpause, .connect: broken[fault.target] = nil
        case .kill(let signal) where signal != .kill && signal != .terminate && signal != .stop: break
        default: broken[fault.target] = fault.action
        }
        return event
    }

    /// Undoes every fault still in force (start what was stopped or killed, unpause, reconnect),
    /// recording each step. Errors are collected, not thrown one by one.
    /// - Returns: descriptions of the steps that failed.
    @discardableResult
    public func heal() async -> [String] {
        var failures: [String] = []
        for (target, action) in broken.sorted(by: { $0.key.description < $1.key.description }) {
            let remedy: Fault
            switch action {
            case .pause, .kill(signal: .stop): remedy = action == .pause ? .unpause(target) : Fault(.kill(signal: .continue), target)
            case .disconnect: remedy = .connect(target)
            default: remedy = .start(target)
            }
            do {
                try await inject(remedy)
            } catch {
                failures.append("\(remedy): \(error)")
            }
            broken[target] = nil
        }
        return failures
    }

    /// The targets currently left broken.
    public var brokenTargets: [ServiceTarget] {
        broken.keys.sorted { $0.description < $1.description }
    }
}
