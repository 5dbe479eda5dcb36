public import Foundation

/// A class's grades: the policy they were given under and each student's grade, written to the
/// class's folder as `index.html` (student × check), `grades.csv` and `class.json`.
public struct ClassSummary: Sendable, Codable, Hashable {
    public var policy: GradingPolicy
    /// One grade per student, in the order they were given.
    public var grades: [SubmissionGrade]

    public init(policy: GradingPolicy, grades: [SubmissionGrade]) {
        self.policy = policy
        self.grades = grades
    }

    /// Writes `index.html`, `grades.csv` and `class.json` to `folder`.
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: folder.appending(path: "index.html"))
        try Data(csv.utf8).write(to: folder.appending(path: "grades.csv"))
        try ReportJSON.encoder().encode(self).write(to: folder.appending(path: "class.json"))
    }

    /// How many checks ended in each verdict, and how many students did not start or are to
    /// be reviewed, like pytest's last line: "31 passed, 9 failed, 8 not applicable; 1 does not
    /// start; 2 for review".
    public var tally: String {
        let scores = grades.flatMap(\.scores)
        var parts = [(Verdict.pass, "passed"), (.fail, "failed"), (.notApplicable, "not applicable"), (.inconclusive, "inconclusive")]
            .compactMap { verdict, word -> String? in
                let count = scores.filter { $0.verdict == verdict }.count
                return count == 0 ? nil : "\(count) \(word)"
            }
        if parts.isEmpty { parts = ["no check ran"] }
        var students: [String] = []
        for label in ["does not start", "timed out", "not graded"] {
            let count = grades.filter { $0.outcome.label == label }.count
            if count > 0 { students.append("\(count) \(label)") }
        }
        let review = grades.filter(\.needsReview).count
        if review > 0 { students.append("\(review) for review") }
        return parts.joined(separator: ", ") + (students.isEmpty ? "" : "; " + students.joined(separator: "; "))
    }
}
