public import Foundation

/// A student's grade in the `results.json` form Gradescope's autograders read: a test per
/// check with its score, maximum and the check's reason, and the total.
public struct GradescopeResults: Sendable, Codable, Hashable {
    /// One check as a Gradescope test.
    public struct Test: Sendable, Codable, Hashable {
        public var name: String
        public var number: String
        public var score: Double
        public var maxScore: Double
        /// `passed` or `failed`, as Gradescope colours it.
        public var status: String
        public var output: String
        public var tags: [String]
        public var visibility: String

        enum CodingKeys: String, CodingKey {
            case name, number, score, status, output, tags, visibility
            case maxScore = "max_score"
        }
    }

    /// The total earned.
    public var score: Double
    /// Seconds the grading took.
    public var executionTime: Int
    /// The outcome in a few sentences, shown above the tests.
    public var output: String
    public var visibility: String
    public var stdoutVisibility: String
    public var tests: [Test]

    enum CodingKeys: String, CodingKey {
        case score, output, visibility, tests
        case executionTime = "execution_time"
        case stdoutVisibility = "stdout_visibility"
    }

    /// The Gradescope form of `grade`.
    public init(_ grade: SubmissionGrade) {
        score = grade.score
        executionTime = Int(grade.duration.seconds.rounded())
        var lines = ["ChaosLab: \(grade.scoreText) points (\(grade.outcome.label))."]
        if let reason = grade.outcome.reason {
            lines.append(reason)
        }
        if grade.needsReview {
            lines.append("Some checks could not be concluded; your instructor will review them before the grade is final.")
        }
        lines.append("The full report, with the broker's evidence for each verdict, is index.html in your report folder.")
        output = lines.joined(separator: "\n")
        visibility = "visible"
        stdoutVisibility = "hidden"
        tests = grade.scores.enumerated().map { index, score in
            Test(
                name: "\(score.title) (\(score.check))\(score.required ? ", required" : "")",
                number: String(index + 1),
                score: score.points,
                maxScore: score.maxPoints,
                status: score.points >= score.maxPoints && score.verdict != nil ? "passed" : "failed",
                output: "\(score.verdictLabel.capitalizedFirst): \(score.output)",
                tags: [score.check] + (score.needsReview ? ["needs-review"] : []),
                visibility: "visible"
            )
        }
    }

    /// The JSON, keys sorted, as written to `results.json`.
    public func jsonData() throws -> Data {
        try ReportJSON.encoder().encode(self)
    }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
