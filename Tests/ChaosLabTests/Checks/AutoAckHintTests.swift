@testable import ChaosLab
import Testing

@Suite("redelivery: the auto-ack hint")
struct AutoAckHintTests {
    @Test("consumers that acknowledge add nothing")
    func acknowledging() {
        #expect(RedeliveryCheck.autoAckHint(0, of: 2, queue: "task_queue") == "")
        #expect(RedeliveryCheck.autoAckHint(0, of: 0, queue: "task_queue") == "")
    }

    @Test("auto-ack consumers are counted and the fix is named")
    func autoAck() {
        let hint = RedeliveryCheck.autoAckHint(1, of: 2, queue: "task_queue")
        #expect(hint.hasPrefix(" The broker showed 1 of 2 consumers of task_queue with auto-ack (ack_required false):"))
        #expect(hint.hasSuffix("consume with manual acknowledgements and ack after the work."))
    }
}
