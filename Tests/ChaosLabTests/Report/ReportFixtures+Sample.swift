@testable import ChaosLab
import Foundation

extension ReportFixtures {
    /// A realistic run of the four core checks against the reference stack with the
    /// `transient-messages` knob on: round-robin, prefetch fairness and redelivery pass, and
    /// persistence fails because transient messages do not survive the broker's SIGKILL; then
    /// the API contract, passing with advice beside its verdict.
    static var sample: RunReport {
        RunReport(
            project: "chaoslab", composeFile: "compose/docker-compose.yml", knobs: ["transient-messages"],
            startedAt: origin, duration: .milliseconds(97_120),
            results: [sampleRoundRobin, samplePrefetch, sampleRedelivery, samplePersistence, sampleAPIContract]
        )
    }

    static let run = "3fa9c1"

    static func time(_ seconds: Double) -> String {
        at(seconds).formatted(.iso8601.time(includingFractionalSeconds: true))
    }

    static var sampleRoundRobin: CheckResult {
        let messages = (1...20).map { number in
            let start = 0.42 + Double(number) * 0.071
            return message("round-robin-\(run)-\(number)", number.isMultiple(of: 2) ? "worker2" : "worker1", start, start + 0.092 + Double(number % 3) * 0.015)
        }
        return CheckResult(
            check: "round-robin", title: "Round-robin delivery", verdict: .pass,
            reason: "20 messages split worker1 10, worker2 10 (expected 10 ± 1 each).",
            expectation: "With every worker idle, 10 quick messages per worker are split evenly: each worker gets 10 ± 1.",
            figures: [
                Figure("deliveries.worker1", "worker1 processed", 10, unit: "messages"),
                Figure("deliveries.worker2", "worker2 processed", 10, unit: "messages"),
                Figure("published", "messages acknowledged by the API", 20, unit: "messages"),
                Figure("processed", "messages processed", 20, unit: "messages"),
                Figure("consumers", "consumers on chaoslab.work at the start", 2),
                Figure("publish.time", "time to publish", 1.214, unit: "s"),
                Figure("drain.time", "time until all were processed", 2.874, unit: "s"),
                Figure("messages.lost", "lost messages", 0),
                Figure("messages.duplicated", "messages processed more than once", 0),
                Figure("latency.median", "publish to processing, median", 0.131, unit: "s"),
            ],
            evidence: [Evidence(source: "workers", title: "Who processed which message", lines: messages.map { "\($0.id) → \($0.worker) (acked)" }, takenAt: at(3.4))],
            messages: messages, startedAt: at(0), duration: .milliseconds(9_812)
        )
    }

    static var samplePrefetch: CheckResult {
        let start = 10.2
        let long = "prefetch-fairness-\(run)-0"
        var messages = [message(long, "worker1", start + 0.61, start + 6.64)]
        messages += (1...12).map { number in
            let begin = start + 0.95 + Double(number - 1) * 0.31
            return message("prefetch-fairness-\(run)-\(number)", "worker2", begin, begin + 0.302)
        }
        let samples = (0..<24).map { index in
            "\(time(start + 0.8 + Double(index) * 0.25))  worker1 (172.18.0.5:41872): unacked 1, prefetch 1; worker2 (172.18.0.6:52310): unacked \(index < 15 ? 1 : 0), prefetch 1"
        }
        return CheckResult(
            check: "prefetch-fairness", title: "Prefetch=1 fairness", verdict: .pass,
            reason: "worker1 received nothing while busy with the 6000 ms task; the other worker(s) took all 12 short tasks; at most 1 unacknowledged delivery per consumer channel in 24 broker samples.",
            expectation: "While one worker is busy with a 6000 ms task, the 12 short tasks that follow all go to the other worker(s); the broker never sees more than 1 unacknowledged delivery on any consumer channel.",
            figures: [
                Figure("busy.worker.short.tasks", "short tasks the busy worker (worker1) processed", 0, unit: "messages"),
                Figure("broker.samples", "broker samples taken", 24),
                Figure("broker.sample.failures", "broker samples that failed", 0),
                Figure("max.unacked.worker1", "most unacknowledged on worker1's channel", 1, unit: "deliveries"),
                Figure("prefetch.worker1", "prefetch limit on worker1's channel (0 = unlimited)", 1),
                Figure("max.unacked.worker2", "most unacknowledged on worker2's channel", 1, unit: "deliveries"),
                Figure("prefetch.worker2", "prefetch limit on worker2's channel (0 = unlimited)", 1),
            ],
            evidence: [
                Evidence(source: "workers", title: "Deliveries, in start order", lines: messages.sorted { $0.start < $1.start }.map {
                    "\($0.id) → \($0.worker) at \($0.start.formatted(.iso8601.time(includingFractionalSeconds: true)))\($0.id == long ? " (long task)" : "")"
                }, takenAt: at(start + 7.1)),
                Evidence(source: "broker", title: "Channel samples with consumers (rabbitmqctl list_channels)", lines: samples, takenAt: at(start + 7.2)),
            ],
            messages: messages,
            startedAt: at(start), duration: .milliseconds(12_430)
        )
    }

    static var sampleRedelivery: CheckResult {
        let start = 23.0
        let token = "redelivery-\(run)-1"
        let messages = [
            message(token, "worker1", start + 0.82, nil, outcome: .unfinished),
            message(token, "worker2", start + 2.37, start + 6.38, redelivered: true),
        ]
        return CheckResult(
            check: "redelivery", title: "Redelivery after docker kill", verdict: .pass,
            reason: "worker1 was killed in the middle of \(token); the broker redelivered it to worker2 with redelivered=true 0.06 s after the kill, and it completed.",
            expectation: "The worker busy with a 4000 ms task is killed with SIGKILL; the same message reaches another worker with redelivered=true and completes; nothing is lost.",
            figures: [
                Figure("deliveries", "deliveries of the task", 2),
                Figure("queue.after", "messages left in chaoslab.work", 0, unit: "messages"),
                Figure("kill.to.redelivery", "time from the kill to the redelivery", 0.062, unit: "s"),
                Figure("kill.to.completion", "time from the kill to completion", 4.071, unit: "s"),
                Figure("messages.lost", "lost messages", 0),
                Figure("messages.redelivered", "redelivered messages", 1),
            ],
            evidence: [Evidence(source: "workers", title: "Deliveries of \(token)", lines: [
                "worker1 started at \(time(start + 0.82)) redelivered=false → unfinished",
                "worker2 started at \(time(start + 2.37)) redelivered=true → acked",
                "worker1 killed with SIGKILL at \(time(start + 2.31))",
            ], takenAt: at(start + 6.9))],
            faults: [FaultEvent(fault: .kill("worker1"), at: at(start + 2.31), took: .milliseconds(214))],
            messages: messages, startedAt: at(start), duration: .milliseconds(14_120)
        )
    }
}
