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

    func seen(deliveries: [MessageTrace], replacement: ServiceInstance? = nil, gaps: [ObservationGap] = [], healed: NodeHealing? = nil) -> NodeLossObservation {
        NodeLossObservation(
            token: Self.token, node: "clnode2", victim: Self.victim, first: Self.first, failedAt: Self.t0 + 2, waited: .seconds(90), nodeDownAt: Self.t0 + 16,
            deliveries: deliveries, replacement: replacement,
            held: QueueStatus(name: "work", durable: true, ready: 0, unacknowledged: 1, consumers: 1), gaps: gaps, queue: "work", healed: healed
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

    @Test("partition, pass: the same judgement, worded for a partition, with the time for the healed node to be ready and what became of its worker")
    func partitionPass() {
        let healed = NodeHealing(at: Self.t0 + 40, ready: .seconds(3.5), leftoverStoppedAt: Self.t0 + 45)
        let outcome = NodeLossCheck(.partition).judge(seen(deliveries: [Self.first, Self.redelivered], replacement: Self.replacement, healed: healed))
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.contains("the node was partitioned from the other nodes 2.0 s later"))
        #expect(outcome.reason.contains("11.0 s after the partition worker2 received it again"))
        #expect(outcome.reason.contains("ready again in 3.5 s"))
        #expect(outcome.figures.first { $0.key == "partition.to.redelivery" }?.value == 11)
        #expect(outcome.figures.first { $0.key == "heal.to.node.ready" }?.value == 3.5)
        #expect(outcome.evidence.contains { $0.title.hasPrefix("Partition of clnode2 healed") && $0.lines.contains { $0.contains("seen stopped 5.0 s after the heal") } })
    }

    @Test("partition, fail: a worker the broker cannot reach kept the task, and no other worker got it")
    func partitionKept() {
        let outcome = NodeLossCheck(.partition).judge(seen(deliveries: [Self.first], replacement: Self.replacement))
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("a task held by a worker the broker can no longer reach is never handed to another"))
        #expect(NodeLossCheck(.partition).name == "node-partition")
    }

    @Test("pass: a first redelivery to a worker cut off as well is told apart from the one acknowledged, with both times")
    func redeliveredTwice() {
        let cutOff = MessageTrace(id: Self.token, worker: "worker2", start: Self.t0 + 9, end: nil, redelivered: true, outcome: .unfinished)
        let acknowledged = MessageTrace(id: Self.token, worker: "worker1", start: Self.t0 + 22, end: Self.t0 + 32, redelivered: true, outcome: .acked)
        let outcome = NodeLossCheck(.partition).judge(seen(deliveries: [Self.first, cutOff, acknowledged], replacement: Self.replacement))
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.contains("7.0 s after the partition the broker gave it to worker2 (redelivered=true), which did not acknowledge it (unfinished)"))
        #expect(outcome.reason.contains("20.0 s after the partition worker1 received it again and acknowledged it"))
        #expect(outcome.figures.first { $0.key == "partition.to.redelivery" }?.value == 7)
        #expect(outcome.figures.first { $0.key == "partition.to.completion" }?.value == 20)
    }

    @Test("a longer heartbeat lengthens the wait to three timeouts and 30 s; the reason gives the wait and the figure the heartbeat")
    func heartbeatWait() {
        #expect(NodeLossCheck().wait(heartbeat: 60) == .seconds(210))
        #expect(NodeLossCheck().wait(heartbeat: 5) == .seconds(90))
        #expect(NodeLossCheck().wait(heartbeat: 0) == .seconds(90))
        #expect(NodeLossCheck().wait(heartbeat: nil) == .seconds(90))
        var observation = seen(deliveries: [Self.first], replacement: Self.replacement)
        observation.waited = .seconds(210)
        observation.heartbeat = 60
        let outcome = NodeLossCheck().judge(observation)
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("in 210 s the broker delivered it to no other worker"))
        #expect(outcome.figures.first { $0.key == "heartbeat" }?.value == 60)
        #expect(outcome.evidence.contains { $0.lines.contains("worker1's connection to the broker negotiated a heartbeat timeout of 60 s (rabbitmqctl list_connections)") })
    }

    @Test("pass: a slow redelivery is explained by the heartbeat it waited for")
    func slowPass() {
        let late = MessageTrace(id: Self.token, worker: "worker2", start: Self.t0 + 167.6, end: Self.t0 + 177, redelivered: true, outcome: .acked)
        var observation = seen(deliveries: [Self.first, late], replacement: Self.replacement)
        observation.heartbeat = 60
        observation.waited = .seconds(210)
        let outcome = NodeLossCheck().judge(observation)
        #expect(outcome.verdict == .pass)
        #expect(outcome.reason.contains("165.6 s after the loss worker2 received it again"))
        #expect(outcome.reason.contains("after about two heartbeat timeouts, and worker1's was 60 s"))
    }

    @Test("fail: heartbeats off on the worker's connection are named as why the broker kept the task")
    func heartbeatsOff() {
        var observation = seen(deliveries: [Self.first], replacement: Self.replacement)
        observation.heartbeat = 0
        let outcome = NodeLossCheck().judge(observation)
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("heartbeats are off on worker1's connection (timeout 0)"))
    }

    @Test("fail: an auto-acked task is forgotten when sent, and the reason says so rather than a wait it did not need")
    func autoAcked() {
        var forgotten = Self.first
        forgotten.outcome = .autoAcked
        var observation = seen(deliveries: [forgotten], replacement: Self.replacement)
        observation.held = QueueStatus(name: "work", durable: true, ready: 0, unacknowledged: 0, consumers: 1)
        let outcome = NodeLossCheck(.partition).judge(observation)
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("delivered it with auto-ack (worker1's consumer does not acknowledge)"))
        #expect(outcome.reason.contains("0 ready and 0 unacknowledged"))
        #expect(!outcome.reason.contains("in 90 s"))
    }
}
