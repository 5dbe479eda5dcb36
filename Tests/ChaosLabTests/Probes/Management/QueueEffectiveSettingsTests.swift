@testable import ChaosLab
import Testing

/// Declaration arguments and policies combined the way RabbitMQ combines them.
@Suite("Management API: a queue's effective settings")
struct QueueEffectiveSettingsTests {
    typealias F = ManagementFixture

    static func recorded(_ name: String) throws -> QueueStatus {
        try #require(try F.answer("queues").list(ManagementRows.queue).first { $0.name == name })
    }

    @Test("arguments and a policy both set: the argument's dead-letter exchange, the lower limit and TTL, the argument's overflow")
    func both() throws {
        let capped = try Self.recorded("capped")
        #expect(capped.effectiveDeadLetterExchange == "arg.dlx")
        #expect(capped.effectiveMaxLength == 5)
        #expect(capped.effectiveMessageTTL == .seconds(30))
        #expect(capped.effectiveOverflow == .dropHead)
        #expect(capped.effectiveDeadLetterRoutingKey == nil)
        // The declared-only view is unchanged.
        #expect(capped.deadLetterExchange == "arg.dlx")
        #expect(capped.maxLength == 10)
    }

    @Test("a policy alone gives every setting")
    func policyOnly() throws {
        let orders = try Self.recorded("orders queue")
        #expect(orders.arguments.isEmpty)
        #expect(orders.deadLetterExchange == nil)
        #expect(orders.effectiveDeadLetterExchange == "orders.dlx")
        #expect(orders.effectiveDeadLetterRoutingKey == "expired")
        #expect(orders.effectiveMaxLength == 100)
        #expect(orders.effectiveMessageTTL == .seconds(60))
        #expect(orders.effectiveOverflow == .rejectPublish)
    }

    @Test("for a quorum queue the policy's overflow wins over the argument")
    func quorum() throws {
        let jobs = try Self.recorded("quorum.jobs")
        #expect(jobs.arguments["x-overflow"] == "drop-head")
        #expect(jobs.effectiveOverflow == .rejectPublish)
        #expect(jobs.effectiveMaxLength == 50)
    }

    @Test("an operator policy's limit reaches the queue through the effective definition")
    func operatorPolicy() throws {
        let work = try Self.recorded("task_queue")
        #expect(work.effectiveDeadLetterExchange == "tasks.dlx")
        #expect(work.effectiveDeadLetterRoutingKey == "task_queue.dlq")
        #expect(work.effectiveMaxLength == 1000)
        #expect(work.effectiveMessageTTL == nil)
        #expect(work.effectiveOverflow == .dropHead)
    }

    @Test("the lower limit wins whichever side holds it; an unreadable value is ignored")
    func lower() {
        let policyLower = QueueStatus(name: "q", durable: true, ready: 0, unacknowledged: 0, consumers: 0,
                                      arguments: ["x-max-length": "10", "x-max-length-bytes": "4096"],
                                      effectivePolicyDefinition: ["max-length": "20", "max-length-bytes": "1024"])
        #expect(policyLower.effectiveMaxLength == 10)
        #expect(policyLower.effectiveMaxLengthBytes == 1024)
        let odd = QueueStatus(name: "q", durable: true, ready: 0, unacknowledged: 0, consumers: 0,
                              arguments: ["x-message-ttl": "soon"], effectivePolicyDefinition: ["message-ttl": "1500"])
        #expect(odd.effectiveMessageTTL == .milliseconds(1500))
    }

    @Test("the default exchange as dead-letter exchange is a choice, not an absence")
    func defaultExchange() {
        let queue = QueueStatus(name: "q", durable: true, ready: 0, unacknowledged: 0, consumers: 0,
                                arguments: ["x-dead-letter-exchange": ""], effectivePolicyDefinition: ["dead-letter-exchange": "policy.dlx"])
        #expect(queue.effectiveDeadLetterExchange == "")
    }

    @Test("an overflow value newer than the lab is kept as written")
    func unknownOverflow() {
        let queue = QueueStatus(name: "q", durable: true, ready: 0, unacknowledged: 0, consumers: 0, arguments: ["x-overflow": "spill"])
        #expect(queue.effectiveOverflow == .other("spill"))
    }
}
