@testable import ChaosLab
import Foundation

extension ReportFixtures {
    /// Persistence with transient messages: the queue is durable, the messages are not, and
    /// all 11 are gone after the broker's SIGKILL.
    static var samplePersistence: CheckResult {
        let start = 37.5
        let tokens = (0...10).map { "persistence-\(run)-\($0)" }
        let faults = [
            FaultEvent(fault: .stop("worker2", timeout: .seconds(5)), at: at(start + 0.21), took: .milliseconds(640)),
            FaultEvent(fault: .kill("rabbitmq"), at: at(start + 4.12), took: .milliseconds(301)),
            FaultEvent(fault: .stop("worker1", timeout: .seconds(5)), at: at(start + 4.46), took: .milliseconds(512)),
            FaultEvent(fault: .start("rabbitmq"), at: at(start + 5.01), took: .milliseconds(820)),
            FaultEvent(fault: .start("worker1"), at: at(start + 18.93), took: .milliseconds(702)),
            FaultEvent(fault: .start("worker2"), at: at(start + 19.66), took: .milliseconds(688)),
        ]
        let lost = tokens.map { "\($0) was \($0.hasSuffix("-0") ? "delivered to worker1" : "acknowledged by the broker") and never processed" }
        return CheckResult(
            check: "persistence", title: "Persistent messages survive a broker kill", verdict: .fail,
            reason: "11 of 11 confirmed messages lost in the broker crash: chaoslab.work held 10 ready + 1 unacknowledged before the SIGKILL and 0 after the restart (\(lost[0])).",
            expectation: "10 confirmed persistent messages queued and 1 in flight when the broker is SIGKILLed: after it starts again the queue holds all 11, and the workers process every one.",
            figures: [
                Figure("queue.before", "messages in chaoslab.work before the kill (ready + unacknowledged)", 11, unit: "messages"),
                Figure("queue.before.unacked", "of which in flight (unacknowledged)", 1, unit: "messages"),
                Figure("queue.after", "messages in chaoslab.work after the restart", 0, unit: "messages"),
                Figure("queue.durable.after", "queue durable after the restart (1 = yes)", 1),
                Figure("processed", "messages processed after the restart", 0, unit: "messages"),
                Figure("lost", "messages lost", 11, unit: "messages"),
                Figure("broker.restart", "time from start to the broker answering", 13.87, unit: "s"),
                Figure("messages.acknowledged", "acknowledged messages", 11),
                Figure("messages.lost", "lost messages", 11),
            ],
            evidence: [
                Evidence(source: "history", title: "11 of 11 acknowledged messages were lost", lines: lost, takenAt: at(start + 40.1)),
                Evidence(source: "broker", title: "chaoslab.work around the crash (rabbitmqctl list_queues)", lines: [
                    "before the kill: ready 10, unacknowledged 1, durable true",
                    "broker killed with SIGKILL at \(time(start + 4.12))",
                    "after the restart: ready 0, unacknowledged 0, durable true",
                ], takenAt: at(start + 18.9)),
                Evidence(source: "workers", title: "Deliveries after the restart", lines: [], takenAt: at(start + 40.1)),
            ],
            faults: faults,
            messages: [message(tokens[0], "worker1", start + 1.34, nil, outcome: .unfinished)],
            startedAt: at(start), duration: .milliseconds(41_230)
        )
    }
}
