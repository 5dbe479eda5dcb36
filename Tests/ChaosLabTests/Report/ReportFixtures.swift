@testable import ChaosLab
import Foundation

/// Runs and results built by hand for report tests, on a fixed clock.
enum ReportFixtures {
    /// 2026-03-02T09:30:00Z.
    static let origin = Date(timeIntervalSince1970: 1_772_443_800)

    /// `seconds` after ``origin``.
    static func at(_ seconds: Double) -> Date {
        origin.addingTimeInterval(seconds)
    }

    static func message(_ id: String, _ worker: String, _ start: Double, _ end: Double?, redelivered: Bool = false, outcome: DeliveryOutcome = .acked) -> MessageTrace {
        MessageTrace(id: id, worker: worker, start: at(start), end: end.map(at), redelivered: redelivered, outcome: outcome)
    }

    static func result(
        _ check: String, _ verdict: Verdict, reason: String = "It held.", start: Double = 0, duration: Duration = .seconds(10),
        figures: [Figure] = [], evidence: [Evidence] = [], faults: [FaultEvent] = [], messages: [MessageTrace] = []
    ) -> CheckResult {
        CheckResult(
            check: check, title: "Title of \(check)", verdict: verdict, reason: reason, expectation: "It should hold.",
            figures: figures, evidence: evidence, faults: faults, messages: messages, startedAt: at(start), duration: duration
        )
    }

    static func report(_ results: [CheckResult], project: String = "chaoslab", knobs: [String] = []) -> RunReport {
        RunReport(project: project, composeFile: "compose/docker-compose.yml", knobs: knobs, startedAt: origin, duration: .seconds(60), results: results)
    }

    /// A failed check with every kind of bar: acked, rejected, requeued, redelivered, one
    /// unfinished; and two faults, one of which failed.
    static var failing: CheckResult {
        result(
            "redelivery", .fail, reason: "1 message lost: <script>alert(1)</script> was delivered to worker1 & never processed.", start: 100,
            figures: [Figure("deliveries", "deliveries of the task", 3), Figure("messages.lost", "lost messages", 1)],
            evidence: [Evidence(source: "workers", title: "Deliveries <b>", lines: ["m-1 → worker1 </pre><script>x</script>", "escape \u{1B}[32mgreen\u{1B}[0m"], takenAt: at(108))],
            faults: [
                FaultEvent(fault: .kill("worker1"), at: at(102), took: .milliseconds(250)),
                FaultEvent(fault: .start("worker1"), at: at(106), took: .milliseconds(900), error: "container <gone>"),
            ],
            messages: [
                message("m-1", "worker1", 101, nil, outcome: .unfinished),
                message("m-1", "worker2", 102.5, 105, redelivered: true),
                message("m-2", "worker2", 100.5, 101, outcome: .rejected),
                message("m-3", "worker10", 100.2, 100.4, outcome: .requeued),
                message("<script>alert('id')</script>", "worker10", 103, 104),
            ]
        )
    }

    /// One result of each verdict; the failing one has messages and faults.
    static var mixed: RunReport {
        report([
            result("round-robin", .pass, figures: [Figure("deliveries.worker1", "worker1 processed", 10, unit: "messages")],
                   messages: (0..<4).map { message("rr-\($0)", $0.isMultiple(of: 2) ? "worker1" : "worker2", Double($0), Double($0) + 0.5) }),
            failing,
            result("prefetch-fairness", .inconclusive, reason: "The broker could be sampled only 1 times.", start: 200, figures: [Figure("broker.samples", "broker samples taken", 1)]),
            result("dead-letter", .notApplicable, reason: "The work queue has no x-dead-letter-exchange.", start: 300),
        ])
    }
}
