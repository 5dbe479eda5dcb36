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
    var lostAt: Date
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
}

extension NodeLossCheck {
    /// The verdict on what was seen: a pure function, tested without a swarm.
    func judge(_ seen: NodeLossObservation) -> CheckOutcome {
        let redelivery = seen.deliveries.first { $0.id == seen.token && $0.start > seen.first.start }
        let completed = seen.deliveries.first { $0.id == seen.token && $0.start > seen.first.start && $0.outcome.isHandled }
        var figures: [Figure] = [
            .seconds("received.to.loss", "time from receiving the task to the node's loss", .seconds(seen.lostAt.timeIntervalSince(seen.first.start))),
            Figure("deliveries", "deliveries of the task", Double(seen.deliveries.count)),
        ]
        if let down = seen.nodeDownAt {
            figures.append(.seconds("loss.to.node.down", "time from the loss to the manager calling \(seen.node) down", .seconds(down.timeIntervalSince(seen.lostAt))))
        }
        if let redelivery {
            figures.append(.seconds("loss.to.redelivery", "time from the loss to the redelivery", .seconds(redelivery.start.timeIntervalSince(seen.lostAt))))
        }
        if let started = seen.replacement?.startedAt {
            figures.append(.seconds("loss.to.rescheduled", "time from the loss to the replacement task running", .seconds(max(0, started.timeIntervalSince(seen.lostAt)))))
        }
        let timeline = seen.deliveries.map { trace in
            "\(trace.id) to \(trace.worker) at \(Self.clock(trace.start))\(trace.redelivered ? " (redelivered)" : ""): \(trace.outcome.rawValue)"
        }
        let evidence = [
            Evidence(source: "broker", title: "Deliveries of \(seen.token) (firehose)", lines: timeline),
            Evidence(source: "swarm", title: "Node \(seen.node) lost at \(Self.clock(seen.lostAt))", lines: [
                "\(seen.first.worker) (task slot \(seen.victim.index), container \(seen.victim.shortID)) ran on \(seen.node)",
                seen.nodeDownAt.map { "manager saw \(seen.node) down at \(Self.clock($0))" } ?? "manager did not call \(seen.node) down in time",
                seen.replacement.map { "slot \($0.index) running again on \($0.node ?? "?") (container \($0.shortID)) since \($0.startedAt.map(Self.clock) ?? "?")" }
                    ?? "slot \(seen.victim.index) of \(seen.victim.service) not running on another node in time",
            ]),
        ]
        let where_ = "\(seen.first.worker) received \(seen.token) on \(seen.node) at \(Self.clock(seen.first.start)); the node was lost \(String(format: "%.1f", seen.lostAt.timeIntervalSince(seen.first.start))) s later"
        if completed == nil, !seen.gaps.isEmpty {
            return .inconclusive("\(where_), and the lab was not watching the broker for part of the wait (\(seen.gaps.map(\.description).joined(separator: "; "))), so a redelivery may have gone unseen.", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        guard let redelivery else {
            let left = seen.held.map { "; \(seen.queue) holds \($0.ready) ready and \($0.unacknowledged) unacknowledged" } ?? ""
            return CheckOutcome(verdict: .fail, reason: "\(where_); in \(Int(deadline.seconds)) s the broker delivered it to no other worker\(left): a task in progress on a lost node is lost with it.", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        guard let completed else {
            return CheckOutcome(verdict: .fail, reason: "\(where_); \(redelivery.worker) received it again, but no worker acknowledged it in \(Int(deadline.seconds)) s (\(redelivery.outcome.rawValue)).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        guard let replacement = seen.replacement else {
            return CheckOutcome(verdict: .fail, reason: "\(where_); \(completed.worker) completed it, but in \(Int(deadline.seconds)) s Swarm ran no task of \(seen.victim.service) slot \(seen.victim.index) on another node (a placement constraint, or no node with room).", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        let after = String(format: "%.1f", redelivery.start.timeIntervalSince(seen.lostAt))
        let rescheduled = replacement.startedAt.map { String(format: "%.1f", max(0, $0.timeIntervalSince(seen.lostAt))) } ?? "?"
        return CheckOutcome(verdict: .pass, reason: "\(where_); \(after) s after the loss \(completed.worker) received it again (redelivered=\(redelivery.redelivered)) and acknowledged it, and Swarm ran \(seen.victim.service) again on \(replacement.node ?? "another node") \(rescheduled) s after the loss.", figures: figures, evidence: evidence, messages: seen.deliveries)
    }

    private static func clock(_ date: Date) -> String {
        date.formatted(.iso8601.time(includingFractionalSeconds: true))
    }
}
