import Foundation

/// Node loss on Swarm: the node running the worker busy with a long task fails as a machine
/// does (its link goes, then every process on it: daemon, containers); the broker must hand the
/// unacknowledged task to a worker on another node once it gives up on the lost connection
/// (AMQP heartbeats), which completes it, and Swarm must run the lost worker's task again on a
/// node that is up. The node comes back afterwards. With ``NodeFailure/partition`` the node
/// instead keeps running, cut off the other nodes (the broker's among them): its worker finishes
/// a task it can no longer acknowledge, and the same must follow; the partition is healed
/// afterwards and the time for the node to be ready again reported.
///
/// Judged from the broker (who received the task, the redelivery and its acknowledgement) and
/// from Swarm (when the manager saw the node down, when the replacement task started). The
/// loss is a fault like any other: on the report's timeline, and healed (the node revived)
/// after the check whatever happened.
public struct NodeLossCheck: ReliabilityCheck {
    /// How the node fails.
    public var failure: NodeFailure
    /// How long the task takes: long enough to be in progress when the node fails (about a
    /// second after a worker receives it), short enough not to hold up a redelivery to a worker
    /// busy with a task of an earlier attempt.
    public var taskMilliseconds: Int
    /// How long to wait for the redelivery and for the rescheduled task, from the loss, at
    /// least: when the worker's connection negotiated a longer heartbeat than the broker can
    /// act on in that time (pika takes the broker's 60 s), the check waits three heartbeat
    /// timeouts and 30 s instead (``wait(heartbeat:)``), so a slow redelivery is measured, not
    /// mistaken for none.
    public var deadline: Duration

    public init(_ failure: NodeFailure = .loss, taskMilliseconds: Int = 10_000, deadline: Duration = .seconds(90)) {
        self.failure = failure
        self.taskMilliseconds = taskMilliseconds
        self.deadline = deadline
    }

    public var name: String { failure.checkName }
    public var title: String { "Node \(failure.noun) on Swarm" }
    public var expectation: String {
        let fails = switch failure {
        case .loss: "fails as a machine does"
        case .partition: "is cut off the other nodes (every packet dropped) while it keeps running"
        }
        return "The Swarm node running the worker busy with a \(taskMilliseconds) ms task \(fails); within \(Int(deadline.seconds)) s (or three of the worker connection's heartbeat timeouts and 30 s, if longer) a worker on another node receives the task again with redelivered=true and acknowledges it, and Swarm runs the cut-off worker's task on a node that is up."
    }
    public var mutants: [FixtureKnob] { [.autoAck] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let swarm = context.stack as? any NodeFailing else {
            return .notApplicable("The stack runs on one host (Compose): there is no node to fail. `chaoslab run --swarm` runs it on Swarm nodes.")
        }
        if let outcome = RedeliveryCheck().notApplicable(to: context.roles) { return outcome }
        try context.requireObservation()
        guard context.roles.api?.supportsWorkTime == true else {
            return .inconclusive("The API cannot be asked for a long task, so no worker can be caught in the middle of one when its node fails.")
        }
        let since = Date()
        let manager = try await swarm.managerNode()
        // A worker beside the manager or the broker is no worker's node to lose: while one
        // such worker holds its task, the next task goes to another worker (prefetch 1).
        var passedOver: [String] = []
        var found: (token: String, first: MessageTrace, victim: ServiceInstance, node: String)?
        for attempt in 1...max(2, context.roles.workers.count) {
            let token = context.token(name, attempt)
            let attemptStart = Date()
            let published = try await context.publish(token, workMilliseconds: taskMilliseconds)
            guard published.acknowledged else { return RedeliveryCheck.unpublished(published) }
            let first = try await context.waitForStart(of: token, since: attemptStart)
            let target = ServiceTarget(worker: first.worker)
            let instances = try await context.stack.instances()
            guard let victim = instances.first(where: { $0.service == target.service && (target.index == nil || $0.index == target.index) && $0.state == .running }),
                  let node = victim.node else {
                return .inconclusive("\(first.worker) received \(token), but no running task of it on a Swarm node was found to fail.")
            }
            let brokerNodes = Set(instances.filter { $0.service == context.roles.broker }.compactMap(\.node))
            if node == manager || brokerNodes.contains(node) {
                passedOver.append("\(first.worker) on \(node) (\(node == manager ? "the manager" : "the broker's node"))")
                continue
            }
            found = (token, first, victim, node)
            break
        }
        guard let (token, first, victim, node) = found else {
            return .inconclusive("Every worker that received a task ran beside the Swarm manager or the broker (\(passedOver.joined(separator: "; "))): failing that node tests more than a worker's node, so the check does not.")
        }
        let target = ServiceTarget(worker: first.worker)
        // Read before the node fails: afterwards the broker may have closed the connection.
        let heartbeat = try? await context.broker.heartbeatTimeouts().filter { victim.addresses.contains($0.peerHost) }.map(\.seconds).max()
        let wait = wait(heartbeat: heartbeat)
        context.logger.info("\(name): \(first.worker) received \(token) on \(node); \(failure.noun) of the node, waiting up to \(Int(wait.seconds)) s")
        let failed = try await context.faults.inject(failure.fault(node, running: target))
        var seen = try await observe(after: failed.at, node: node, victim: victim, first: first, token: token, since: since, wait: wait, in: context, swarm: swarm)
        seen.heartbeat = heartbeat
        if failure == .partition {
            seen.healed = try await heal(node, of: target, victim: victim, in: context)
        }
        var outcome = judge(seen)
        if !passedOver.isEmpty {
            outcome.evidence.append(Evidence(source: "swarm", title: "Busy workers whose node was not failed", lines: passedOver))
        }
        return outcome
    }

    /// How long to wait from the failure: ``deadline``, or three heartbeat timeouts and 30 s
    /// when that is longer (the broker may take up to about two timeouts to give up on a silent
    /// client; the rest is for the redelivered task to be done). Heartbeats off or unknown: the
    /// deadline.
    func wait(heartbeat: Int?) -> Duration {
        guard let heartbeat, heartbeat > 0 else { return deadline }
        return max(deadline, .seconds(3 * heartbeat + 30))
    }

    /// Heals the partition (which returns once the manager sees the node ready) and gives the
    /// node's worker, left over from before the partition, a while to be shut down by Swarm.
    private func heal(_ node: String, of target: ServiceTarget, victim: ServiceInstance, in context: CheckContext) async throws -> NodeHealing {
        let heal = try await context.faults.inject(.healNode(node, of: target))
        let stoppedAt = try? await Wait.until("Swarm to shut down \(victim.shortID) on \(node)", deadline: .seconds(30), every: .milliseconds(500)) { () async throws -> Date? in
            let instances = try await context.stack.instances(of: victim.service)
            return instances.contains { $0.containerID == victim.containerID && $0.state == .running } ? nil : Date()
        }
        return NodeHealing(at: heal.at, ready: heal.took, leftoverStoppedAt: stoppedAt)
    }

    /// Waits for the manager to see the node down, for the task's redelivery to be settled and
    /// for the victim's slot to run again elsewhere; each time is read where it happened (the
    /// broker's events, the new container's start), not when the lab looked.
    private func observe(
        after failedAt: Date, node: String, victim: ServiceInstance, first: MessageTrace, token: String, since: Date, wait: Duration,
        in context: CheckContext, swarm: any NodeFailing
    ) async throws -> NodeLossObservation {
        let downAt = try? await Wait.until("the manager to see \(node) down", deadline: wait, every: .milliseconds(500)) { () async throws -> Date? in
            try await swarm.nodeStates()[node] == .down ? Date() : nil
        }
        let deliveries = try await context.waitForProcessing(of: [token], prefix: token, since: since, deadline: wait - .seconds(Date().timeIntervalSince(failedAt)))
        let replacement = try? await Wait.until("Swarm to run \(victim.target) on another node", deadline: wait - .seconds(Date().timeIntervalSince(failedAt)), every: .milliseconds(500)) { () async throws -> ServiceInstance? in
            try await context.stack.instances(of: victim.service).first { $0.index == victim.index && $0.state == .running && $0.node != node }
        }
        return NodeLossObservation(
            token: token, node: node, victim: victim, first: first, failedAt: failedAt, waited: wait, nodeDownAt: downAt,
            deliveries: deliveries, replacement: replacement, held: try? await context.broker.queue(named: context.roles.workQueue),
            gaps: await context.observer.gaps(since: since), queue: context.roles.workQueue
        )
    }
}
