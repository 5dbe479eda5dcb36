@testable import ChaosLab
import Foundation
import Testing

/// The node-loss verdict from recorded broker deliveries and Swarm's view, without a swarm.
@Suite("Node loss verdict")
struct NodeLossJudgementTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static let token = "node-loss-ab12cd-1"
    static let first = MessageTrace(id: token, worker: "worker1", start: t0, end: nil, redelivered: false, outcome: .unfinished)
    static let victim = ServiceInstance(service: "worker1", index: 1, containerID: "aaa", containerName: "lab_worker1.1.x", state: .running, health: .none, node: "clnode2")

    func seen(deliveries: [MessageTrace], replacement: ServiceInstance? = nil, gaps: [ObservationGap] = []) -> NodeLossObservation {
        NodeLossObservation(
            token: Self.token, node: "clnode2", victim: Self.victim, first: Self.first, lostAt: Self.t0 + 2, nodeDownAt: Self.t0 + 16,
            deliveries: deliveries, replacement: replacement,
            held: QueueStatus(name: "work", durable: true, ready: 0, unacknowledged: 1, consumers: 1), gaps: gaps, queue: "work"
        )
    }

    static let redelivered = MessageTrace(id: token, worker: "worker2", start: t0 + 13, end: t0 + 43, redelivered: true, outcome: .acked)
    static let replacement = ServiceInstance(
        service: "worker1", index: 1, containerID: "bbb", containerName: "lab_worker1.1.y", state: .running, health: .none,
        startedAt: t0 + 21, node: "clnode3"
    )

    @Test("pass: another worker received the task again and acknowledged it, and Swarm ran the worker elsewhere; the times are figures")
    func pass() {
        let outcome = NodeLossCheck().judge(seen(deliveries: [Self.first, Self.redelivered], replacement: Self.replacement))
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.contains("11.0 s after the loss worker2 received it again"))
        #expect(outcome.reason.contains("on clnode3 19.0 s after the loss"))
        #expect(outcome.figures.first { $0.key == "loss.to.node.down" }?.value == 14)
        #expect(outcome.figures.first { $0.key == "loss.to.rescheduled" }?.value == 19)
    }

    @Test("fail: the task in progress on the lost node reached no other worker, with the queue's counts")
    func lost() {
        let outcome = NodeLossCheck().judge(seen(deliveries: [Self.first], replacement: Self.replacement))
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("delivered it to no other worker"))
        #expect(outcome.reason.contains("1 unacknowledged"))
        #expect(outcome.evidence.contains { $0.source == "broker" && $0.lines.contains { $0.contains(Self.token) } })
    }

    @Test("fail: the task was completed elsewhere, but Swarm never ran the lost worker again")
    func notRescheduled() {
        let outcome = NodeLossCheck().judge(seen(deliveries: [Self.first, Self.redelivered]))
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("Swarm ran no task of worker1 slot 1 on another node"))
    }

    @Test("inconclusive: no redelivery seen while the lab was not watching the broker")
    func unseen() {
        let gap = ObservationGap(from: Self.t0 + 3, to: Self.t0 + 30, reason: "the firehose connection closed")
        let outcome = NodeLossCheck().judge(seen(deliveries: [Self.first], gaps: [gap]))
        #expect(outcome.verdict == .inconclusive)
        #expect(outcome.reason.contains("not watching the broker"))
    }
}
