@testable import ChaosLab
import Testing

/// Where the dead-letter check looks for dead letters, resolved from the broker's live
/// topology; a stack left without a dead-letter queue is not applicable.
@Suite("Verdicts: dead-letter topology")
struct DeadLetterTopologyTests {
    typealias Case = VerdictCase<DeadLetterTopology, String?>

    static func work(_ arguments: [String: String] = [:], policy: [String: String] = [:]) -> QueueStatus {
        QueueStatus(
            name: "work", durable: true, ready: 0, unacknowledged: 0, consumers: 2, arguments: arguments,
            policy: policy.isEmpty ? nil : "dlx-policy", effectivePolicyDefinition: policy
        )
    }

    static func binding(_ exchange: String = "dlx", to queue: String, key: String) -> Binding {
        Binding(source: exchange, destination: queue, destinationType: .queue, routingKey: key)
    }

    static let cases: [Case] = [
        Case("x-dead-letter-exchange argument bound to work.dlq with the queue's name as key → work.dlq, found through the binding", "work.dlq",
             naming: ["bound to work's dead-letter exchange dlx", "work argument x-dead-letter-exchange = dlx", "dead letters go to exchange dlx with routing key work, which routes them to work.dlq"],
             without: ["set by policy"]) {
            DeadLetterTopology.resolve(workQueue: work(["x-dead-letter-exchange": "dlx"]), declared: nil, bindings: [binding(to: "work.dlq", key: "work")], queues: ["work", "work.dlq"])
        },
        Case("dead-letter exchange set by a policy → work.dlq, the policy named", "work.dlq",
             naming: ["bound to work's dead-letter exchange dlx (set by policy dlx-policy)", "policy dlx-policy: dead-letter-exchange = dlx"]) {
            DeadLetterTopology.resolve(workQueue: work(policy: ["dead-letter-exchange": "dlx"]), declared: nil, bindings: [binding(to: "work.dlq", key: "work")], queues: ["work", "work.dlq"])
        },
        Case("the argument overrules the policy → the argument's exchange", "work.dlq",
             naming: ["bound to work's dead-letter exchange dlx-arg"], without: ["set by policy"]) {
            DeadLetterTopology.resolve(
                workQueue: work(["x-dead-letter-exchange": "dlx-arg"], policy: ["dead-letter-exchange": "dlx"]), declared: nil,
                bindings: [binding("dlx-arg", to: "work.dlq", key: "work")], queues: ["work", "work.dlq"]
            )
        },
        Case("the default exchange with a dead-letter routing key → the queue the key names", "work.dlq",
             naming: ["the default exchange routes dead letters by their routing key, work.dlq", "dead letters go to exchange (default) with routing key work.dlq"]) {
            DeadLetterTopology.resolve(workQueue: work(["x-dead-letter-exchange": "", "x-dead-letter-routing-key": "work.dlq"]), declared: nil, bindings: [], queues: ["work", "work.dlq"])
        },
        Case("a topic exchange: the # binding matches the dead-letter key, audit.* does not → work.dlq alone", "work.dlq",
             naming: ["with routing key dead.work, which routes them to work.dlq"], without: ["audit"]) {
            DeadLetterTopology.resolve(
                workQueue: work(["x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "dead.work"]), declared: nil,
                bindings: [binding(to: "audit", key: "audit.*"), binding(to: "work.dlq", key: "#")], queues: ["work", "work.dlq", "audit"]
            )
        },
        Case("a fanout exchange bound with an empty key → its queue, the key not matched", "failed",
             naming: ["bound to work's dead-letter exchange dlx", "which routes them to failed"]) {
            DeadLetterTopology.resolve(workQueue: work(["x-dead-letter-exchange": "dlx"]), declared: nil, bindings: [binding(to: "failed", key: "")], queues: ["work", "failed"])
        },
        Case("a direct exchange bound with another key routes the dead letters nowhere, though a queue is named like one", "work.dlq",
             naming: ["with routing key work, which routes them to no queue", "named like a dead-letter queue"]) {
            DeadLetterTopology.resolve(
                workQueue: work(["x-dead-letter-exchange": "dlx"]), declared: nil,
                bindings: [binding(to: "work.dlq", key: "dead")], queues: ["work", "work.dlq"], exchangeType: "direct"
            )
        },
        Case("a fanout exchange routes every key to every bound queue", "failed",
             naming: ["which routes them to failed"]) {
            DeadLetterTopology.resolve(
                workQueue: work(["x-dead-letter-exchange": "dlx"]), declared: nil,
                bindings: [binding(to: "failed", key: "anything")], queues: ["work", "failed"], exchangeType: "fanout"
            )
        },
        Case("the roles name the dead-letter queue → it wins over the binding", "failed_tasks",
             naming: ["dead-letter queue read by the lab: failed_tasks (declared in the roles)", "which routes them to work.dlq"]) {
            DeadLetterTopology.resolve(workQueue: work(["x-dead-letter-exchange": "dlx"]), declared: "failed_tasks", bindings: [binding(to: "work.dlq", key: "work")], queues: ["work", "work.dlq", "failed_tasks"])
        },
        Case("no dead-letter exchange, a queue named dead_letters → that queue, by its name, rejected messages dropped", "dead_letters",
             naming: ["named like a dead-letter queue", "no dead-letter exchange, neither argument nor policy: rejected messages are dropped", "work has no declaration arguments"]) {
            DeadLetterTopology.resolve(workQueue: work(), declared: nil, bindings: [], queues: ["work", "results", "dead_letters"])
        },
        Case("no dead-letter exchange and no such queue → none: the check does not apply", nil,
             naming: ["dead-letter queue read by the lab: none (none found)"]) {
            DeadLetterTopology.resolve(workQueue: work(), declared: nil, bindings: [], queues: ["work", "results"])
        },
    ]

    @Test("resolution table", arguments: cases)
    func resolution(_ row: Case) {
        let topology = row.seen()
        #expect(topology.deadLetterQueue == row.expected, "\(topology.lines)")
        row.expectNamed(in: ([topology.source] + topology.lines).joined(separator: "\n"))
    }
}
