@testable import ChaosLab
import Foundation
import Testing

/// What each verdict earns, and the grader's flags and weights file.
@Suite("Grading: the policy and its scores")
struct GradingPolicyTests {
    static func result(_ check: String, _ verdict: Verdict, _ reason: String = "Because.") -> CheckResult {
        CheckResult(check: check, title: check, verdict: verdict, reason: reason, expectation: "", startedAt: Date(), duration: .seconds(1))
    }

    @Test("a pass earns the check's points, a failure none, not-applicable is left out unless required, inconclusive is for review")
    func scoring() {
        let policy = GradingPolicy(checks: ["round-robin", "redelivery", "dead-letter", "traefik-routes", "persistence"], required: ["traefik-routes"], weights: ["redelivery": 3])
        let results = [
            Self.result("round-robin", .pass), Self.result("redelivery", .fail, "1 message lost: m-3."),
            Self.result("dead-letter", .notApplicable, "No dead-letter queue."), Self.result("traefik-routes", .notApplicable, "No proxy."),
            Self.result("persistence", .inconclusive, "The broker's management API did not answer."),
        ]
        let scores = policy.scores(results: results, outcome: .graded)
        #expect(scores.map(\.points) == [1, 0, 0, 0, 0])
        #expect(scores.map(\.maxPoints) == [1, 3, 0, 1, 1])
        #expect(scores.map(\.needsReview) == [false, false, false, false, true])
        #expect(scores[1].output == "1 message lost: m-3.")
        #expect(scores[3].output == "Required by the course, but it does not apply to this stack: No proxy.")
        #expect(scores[4].output.hasPrefix("Not scored yet, for review: the lab could not conclude."))
        let grade = SubmissionGrade(submission: Submission(name: "ana", composeFile: "c.yml"), project: "p", outcome: .graded, scores: scores, startedAt: Date(), duration: .seconds(60))
        #expect(grade.scoreText == "1/6")
        #expect(grade.needsReview)
    }

    @Test("a stack that does not start earns nothing, but a check that could never apply to it is not counted")
    func doesNotStart() {
        let policy = GradingPolicy(checks: ["round-robin", "traefik-routes"])
        let scores = policy.scores(
            results: [], outcome: .doesNotStart(reason: "Service `worker1` exited with code 1."),
            applicability: [CheckApplicability(check: "traefik-routes", status: .notApplicable, reasons: ["no proxy"])]
        )
        #expect(scores.map(\.maxPoints) == [1, 0])
        #expect(scores.allSatisfy { $0.points == 0 && $0.verdict == nil && !$0.needsReview })
        #expect(scores[0].output == "The stack did not start, so this check could not run: Service `worker1` exited with code 1.")
    }

    @Test("flags are checked against the catalogue, and a weights file's bad line is named")
    func inputErrors() throws {
        #expect(throws: GradingInputError.self) { try GradingPolicy.make(checks: ["round-robbin"], required: [], weightsFile: nil) }
        let notRun = #expect(throws: GradingInputError.self) { try GradingPolicy.make(checks: ["round-robin"], required: ["redelivery"], weightsFile: nil) }
        #expect(notRun?.description == "redelivery: it is required but not among the checks to run (round-robin).")
        #expect(try GradingPolicy.parseWeights("redelivery: 3\npersistence: 2.5\n", path: "w.yml") == ["redelivery": 3, "persistence": 2.5])
        let unknown = #expect(throws: GradingInputError.self) { try GradingPolicy.parseWeights("redelivery: 3\nspeed: 1\n", path: "w.yml") }
        #expect(unknown?.description.hasPrefix("w.yml:2: speed is not a check") == true, "\(unknown?.description ?? "")")
        let negative = #expect(throws: GradingInputError.self) { try GradingPolicy.parseWeights("redelivery: -1\n", path: "w.yml") }
        #expect(negative?.description == "w.yml:1: the points of redelivery must be a number of 0 or more, not -1.")
        let policy = try GradingPolicy.make(checks: ["redelivery", "round-robin"], required: [], weightsFile: nil)
        #expect(policy.checks == ["round-robin", "redelivery"], "catalogue order")
    }
}
