extension ClassSummary {
    /// `grades.csv`: one row per student with the score, the maximum, the outcome, whether the
    /// grade awaits review and the wall time, then the points of each check and its verdict.
    public var csv: String {
        var header = ["student", "score", "max_score", "percent", "outcome", "needs_review", "seconds"]
        header += policy.checks
        header += policy.checks.map { "\($0) verdict" }
        var rows = [header]
        for grade in grades {
            var row = [
                grade.submission.name, SubmissionGrade.points(grade.score), SubmissionGrade.points(grade.maxScore),
                grade.maxScore > 0 ? String(format: "%.1f", 100 * grade.score / grade.maxScore) : "",
                grade.outcome.label, grade.needsReview ? "yes" : "no", String(format: "%.1f", grade.duration.seconds),
            ]
            let scores = policy.checks.map { check in grade.scores.first { $0.check == check } }
            row += scores.map { $0.map { $0.maxPoints > 0 ? SubmissionGrade.points($0.points) : "" } ?? "" }
            row += scores.map { $0?.verdictLabel ?? "" }
            rows.append(row)
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
