import Foundation

/// Everything the node-loss check saw, for ``NodeLossCheck/judge(_:)``.
struct NodeLossObservation: Sendable {
    var token: String
    /// The node that was failed.
    var node: String
    /// The worker task on it that held the message.
    var victim: ServiceInstance
    /// The delivery of the task to that worker.
    var first: MessageTrace
    /// When the node was lost or partitioned.
    var failedAt: Date
    /// How long the check waited from then, at most.
    var waited: Duration
    /// When the manager was first seen to call the node down; `nil` if it never did in time.
    var nodeDownAt: Date?
    /// Every delivery of the task once the wait ended.
    var deliveries: [MessageTrace]
    /// The victim's slot running again on another node; `nil` if it did not in time.
    var replacement: ServiceInstance?
    /// The work queue once the waits ended.
    var held: QueueStatus?
    var gaps: [ObservationGap]
    var queue: String
    /// How a partition was healed; `nil` for a lost node (revived by the runner's heal).
    var healed: NodeHealing?
    /// The heartbeat timeout, in seconds, of the victim's connection to the broker (0: off);
    /// `nil` when the broker did not say.
    var heartbeat: Int? = nil
}

/// A partition's end, as ``NodeLossCheck`` saw it.
struct NodeHealing: Sendable {
    /// When the partition was removed.
    var at: Date
    /// From the removal to the manager seeing the node ready.
    var ready: Duration
    /// When the worker left running on the node through the partition was seen stopped (Swarm
    /// had run its slot elsewhere); `nil` if it was still running 30 s after the heal.
    var leftoverStoppedAt: Date?
}

extension NodeLossCheck {
    /// The verdict on what was seen: a pure function, tested without a swarm.
    func judge(_ seen: NodeLossObservation) -> CheckOutcome {
        let noun = failure.noun
        let redelivery = seen.deliveries.first { $0.id == seen.token && $0.start > seen.first.start }
        let completed = seen.deliveries.first { $0.id == seen.token && $0.start > seen.first.start && $0.outcome.isHandled }
        var figures: [Figure] = [
            .seconds("received.to.\(noun)", "time from receiving the task to the node's \(noun)", .seconds(seen.failedAt.timeIntervalSince(seen.first.start))),
            Figure("deliveries", "deliveries of the task", Double(seen.deliveries.count)),
        ]
        if let down = seen.nodeDownAt {
            figures.append(.seconds("\(noun).to.node.down", "time from the \(noun) to the manager calling \(seen.node) down", .seconds(down.timeIntervalSince(seen.failedAt))))
        }
        if let redelivery {
            figures.append(.seconds("\(noun).to.redelivery", "time from the \(noun) to the redelivery", .seconds(redelivery.start.timeIntervalSince(seen.failedAt))))
        }
        if let completed, completed.start != redelivery?.start {
            figures.append(.seconds("\(noun).to.completion", "time from the \(noun) to the delivery that was acknowledged", .seconds(completed.start.timeIntervalSince(seen.failedAt))))
        }
        if let started = seen.replacement?.startedAt {
            figures.append(.seconds("\(noun).to.rescheduled", "time from the \(noun) to the replacement task running", .seconds(max(0, started.timeIntervalSince(seen.failedAt)))))
        }
        if let heartbeat = seen.heartbeat {
            figures.append(.seconds("heartbeat", "the heartbeat timeout \(seen.first.worker)'s connection negotiated with the broker", .seconds(heartbeat)))
        }
        if let healed = seen.healed {
            figures.append(.seconds("heal.to.node.ready", "time from healing the partition to the manager calling \(seen.node) ready", healed.ready))
        }
        let timeline = seen.deliveries.map { trace in
            "\(trace.id) to \(trace.worker) at \(Self.clock(trace.start))\(trace.redelivered ? " (redelivered)" : ""): \(trace.outcome.rawValue)"
        }
        var evidence = [
            Evidence(source: "broker", title: "Deliveries of \(seen.token) (firehose)", lines: timeline),
            Evidence(source: "swarm", title: "Node \(seen.node) \(failure.pastTense) at \(Self.clock(seen.failedAt))", lines: [
                "\(seen.first.worker) (task slot \(seen.victim.index), container \(seen.victim.shortID)) ran on \(seen.node)",
                seen.heartbeat.map { "\(seen.first.worker)'s connection to the broker negotiated a heartbeat timeout of \($0) s\($0 == 0 ? " (heartbeats off)" : "") (rabbitmqctl list_connections)" }
                    ?? "the broker did not say which heartbeat timeout \(seen.first.worker)'s connection negotiated",
                seen.nodeDownAt.map { "manager saw \(seen.node) down at \(Self.clock($0))" } ?? "manager did not call \(seen.node) down in time",
                seen.replacement.map { "slot \($0.index) running again on \($0.node ?? "?") (container \($0.shortID)) since \($0.startedAt.map(Self.clock) ?? "?")" }
                    ?? "slot \(seen.victim.index) of \(seen.victim.service) not running on another node in time",
            ]),
        ]
        if let healed = seen.healed {
            evidence.append(Evidence(source: "swarm", title: "Partition of \(seen.node) healed at \(Self.clock(healed.at))", lines: [
                "manager saw \(seen.node) ready \(String(format: "%.1f", healed.ready.seconds)) s later",
                healed.leftoverStoppedAt.map { "\(seen.victim.shortID), left running on \(seen.node) through the partition, seen stopped \(String(format: "%.1f", $0.timeIntervalSince(healed.at))) s after the heal" }
                    ?? "\(seen.victim.shortID), left running on \(seen.node) through the partition, still running 30 s after the heal",
            ]))
        }
        let waited = Int(seen.waited.seconds)
        let where_ = "\(seen.first.worker) received \(seen.token) on \(seen.node) at \(Self.clock(seen.first.start)); the node was \(failure.pastTense) \(String(format: "%.1f", seen.failedAt.timeIntervalSince(seen.first.start))) s later"
        if completed == nil, !seen.gaps.isEmpty {
            return .inconclusive("\(where_), and the lab was not watching the broker for part of the wait (\(seen.gaps.map(\.description).joined(separator: "; "))), so a redelivery may have gone unseen.", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        guard let redelivery else {
            let left = seen.held.map { " (\(seen.queue) holds \($0.ready) ready and \($0.unacknowledged) unacknowledged)" } ?? ""
            let cause = failure == .loss ? "a task in progress on a lost node is lost with it" : "a task held by a worker the broker can no longer reach is never handed to another"
            if seen.deliveries.contains(where: { $0.id == seen.token && $0.outcome == .autoAcked }) {
                return CheckOutcome(verdict: .fail, reason: "\(where_); the broker had delivered it with auto-ack (\(seen.first.worker)'s consumer does not acknowledge), so it forgot the task when it sent it and delivered it to no other worker\(left): \(cause).", figures: figures, evidence: evidence, messages: seen.deliveries)
            }
            let heartbeatOff = seen.heartbeat == 0 ? "; heartbeats are off on \(seen.first.worker)'s connection (timeout 0), so the broker cannot tell a vanished client from a quiet one and keeps the task until TCP itself gives up, hours later" : ""
            return CheckOutcome(verdict: .fail, reason: "\(where_); in \(waited) s the broker delivered it to no other worker\(left)\(heartbeatOff): \(cause).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        guard let completed else {
            return CheckOutcome(verdict: .fail, reason: "\(where_); \(redelivery.worker) received it again, but no worker acknowledged it in \(waited) s (\(redelivery.outcome.rawValue)).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        guard let replacement = seen.replacement else {
            return CheckOutcome(verdict: .fail, reason: "\(where_); \(completed.worker) completed it, but in \(waited) s Swarm ran no task of \(seen.victim.service) slot \(seen.victim.index) on another node (a placement constraint, or no node with room).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        let after = { (trace: MessageTrace) in String(format: "%.1f", trace.start.timeIntervalSince(seen.failedAt)) }
        let rescheduled = replacement.startedAt.map { String(format: "%.1f", max(0, $0.timeIntervalSince(seen.failedAt))) } ?? "?"
        // The first redelivery may go to a worker cut off too (on the same node), which never
        // acknowledges it; the story then names both deliveries.
        let received = completed.start == redelivery.start
            ? "\(after(redelivery)) s after the \(noun) \(completed.worker) received it again (redelivered=\(redelivery.redelivered)) and acknowledged it"
            : "\(after(redelivery)) s after the \(noun) the broker gave it to \(redelivery.worker) (redelivered=\(redelivery.redelivered)), which did not acknowledge it (\(redelivery.outcome.rawValue)), and \(after(completed)) s after the \(noun) \(completed.worker) received it again and acknowledged it"
        return CheckOutcome(verdict: .pass, reason: "\(where_); \(received), and Swarm ran \(seen.victim.service) again on \(replacement.node ?? "another node") \(rescheduled) s after the \(noun)\(seen.heartbeat.map { "; the broker gives up on a silent connection after about two heartbeat timeouts, and \(seen.first.worker)'s was \($0) s" } ?? "")\(seen.healed.map { "; healed, the node was ready again in \(String(format: "%.1f", $0.ready.seconds)) s" } ?? "").", figures: figures, evidence: evidence, messages: seen.deliveries)
    }

    private static func clock(_ date: Date) -> String {
        date.formatted(.iso8601.time(includingFractionalSeconds: true))
    }
}
