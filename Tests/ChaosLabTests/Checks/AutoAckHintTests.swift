@testable import ChaosLab
import Testing

@Suite("redelivery: the auto-ack hint")
struct AutoAckHintTests {
    static func consumer(_ tag: String, ack: Bool) -> ConsumerStatus {
        ConsumerStatus(queue: "task_queue", tag: tag, acknowledgementRequired: ack, prefetch: ack ? 1 : 0)
    }

    @Test("consumers that acknowledge add nothing")
    func acknowledging() {
        #expect(RedeliveryCheck.autoAckHint([Self.consumer("a", ack: true), Self.consumer("b", ack: true)], queue: "task_queue") == "")
        #expect(RedeliveryCheck.autoAckHint([], queue: "task_queue") == "")
    }

    @Test("auto-ack consumers are counted and the fix is named")
    func autoAck() {
        let hint = RedeliveryCheck.autoAckHint([Self.consumer("a", ack: false), Self.consumer("b", ack: true)], queue: "task_queue")
        #expect(hint.hasPrefix(" The broker showed 1 of 2 consumers of task_queue with auto-ack (ack_required false):"))
        #expect(hint.hasSuffix("consume with manual acknowledgements and ack after the work."))
    }
}
