@testable import ChaosLab
import Foundation
import Testing

/// What a class run writes for people and for Gradescope: the summary page, grades.csv,
/// results.json and grade.json.
@Suite("Grading: the class summary and results.json")
struct ClassOutputTests {
    static let policy = GradingPolicy(checks: ["round-robin", "redelivery"], required: ["redelivery"], weights: ["redelivery": 2])

    static func grade(_ name: String, _ outcome: SubmissionOutcome, _ verdicts: [Verdict]) -> SubmissionGrade {
        let results = zip(policy.checks, verdicts).map { check, verdict in GradingPolicyTests.result(check, verdict, "Reason, with \"quotes\", for \(check).") }
        return SubmissionGrade(
            submission: Submission(name: name, composeFile: "/class/\(name)/docker-compose.yml"), project: "chaoslab-grade-\(name)", outcome: outcome,
            scores: policy.scores(results: results, outcome: outcome), startedAt: Date(timeIntervalSince1970: 1_800_000_000), duration: .seconds(95.5)
        )
    }

    static let summary = ClassSummary(policy: policy, grades: [
        grade("ana", .graded, [.pass, .pass]),
        grade("luis", .graded, [.pass, .inconclusive]),
        grade("<script>", .doesNotStart(reason: "Service `worker1` exited with code 1."), []),
    ])

    @Test("results.json has Gradescope's keys: the total, and per check its score, max_score, status and the check's reason")
    func gradescope() throws {
        let data = try GradescopeResults(Self.summary.grades[1]).jsonData()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["score"] as? Double == 1)
        #expect(json["execution_time"] as? Int == 96)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 2)
        #expect(tests[1]["name"] as? String == "Redelivery after docker kill (redelivery), required")
        #expect(tests[1]["max_score"] as? Double == 2)
        #expect(tests[1]["status"] as? String == "failed")
        #expect((tests[1]["output"] as? String)?.hasPrefix("Inconclusive: Not scored yet, for review") == true)
        #expect(tests[1]["tags"] as? [String] == ["redelivery", "needs-review"])
        #expect((json["output"] as? String)?.contains("your instructor will review them") == true)
    }

    @Test("grades.csv has a row per student with the score, the outcome and each check's points and verdict, quoted where needed")
    func csv() {
        let lines = Self.summary.csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "student,score,max_score,percent,outcome,needs_review,seconds,round-robin,redelivery,round-robin verdict,redelivery verdict")
        #expect(lines[1] == "ana,3,3,100.0,graded,no,95.5,1,2,pass,pass")
        #expect(lines[2] == "luis,1,3,33.3,graded,yes,95.5,1,0,pass,inconclusive")
        #expect(lines[3] == "<script>,0,3,0.0,does not start,no,95.5,0,0,not run,not run")
        #expect(ClassSummary.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test("the summary page links each verdict to the check in the student's report, escapes names, and fetches nothing")
    func page() {
        let html = Self.summary.html
        #expect(html.contains(#"<a href="ana/index.html#check-2"><span class="badge pass" title="pass">✓ pass</span></a>"#))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<script>,") && html.components(separatedBy: "<script>").count == 2, "only the sort script")
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="))
        #expect(html.contains("3 passed, 1 inconclusive; 1 does not start; 1 for review"))
        #expect(html.contains(#"<span class="review" title="needs review">⚑</span>"#))
    }

    @Test("grade.json reads back as written, so --resume can trust it")
    func roundTrip() async throws {
        try await withTemporaryDirectory { folder in
            let grade = Self.summary.grades[2]
            try grade.jsonData().write(to: URL(fileURLWithPath: folder).appending(path: "grade.json"))
            #expect(SubmissionGrade.read(from: URL(fileURLWithPath: folder)) == grade)
        }
    }
}
