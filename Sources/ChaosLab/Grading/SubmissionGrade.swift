public import Foundation

/// One student's grade: how far their stack got, what each check earned, and where the
/// evidence is. Written as `grade.json` in the student's folder, which `--resume` reads back.
public struct SubmissionGrade: Sendable, Codable, Hashable {
    /// The student.
    public var submission: Submission
    /// The compose project their stack ran under.
    public var project: String
    /// Graded, or why not.
    public var outcome: SubmissionOutcome
    /// One score per check of the policy, in its order.
    public var scores: [CheckScore]
    /// Where the roles came from and what the grader's roles overrode, in one line.
    public var rolesSummary: String?
    /// What the lab noted about the roles (ambiguities, caveats, and each overruled claim).
    public var rolesNotes: [String]
    /// Each of the submission's own role declarations the course's roles overruled or set
    /// aside, naming both places.
    public var overruled: [String]
    public var startedAt: Date
    /// Wall time from the start of this student to their report, build and teardown included.
    @SecondsCoded public var duration: Duration

    public init(
        submission: Submission, project: String, outcome: SubmissionOutcome, scores: [CheckScore],
        rolesSummary: String? = nil, rolesNotes: [String] = [], overruled: [String] = [], startedAt: Date, duration: Duration
    ) {
        self.overruled = overruled
        self.submission = submission
        self.project = project
        self.outcome = outcome
        self.scores = scores
        self.rolesSummary = rolesSummary
        self.rolesNotes = rolesNotes
        self.startedAt = startedAt
        self.duration = duration
    }

    /// Points earned.
    public var score: Double {
        scores.reduce(0) { $0 + $1.points }
    }

    /// Points the student could have earned.
    public var maxScore: Double {
        scores.reduce(0) { $0 + $1.maxPoints }
    }

    /// Whether a person must look before the grade is final: a check the lab could not
    /// conclude, a timeout, or a student the lab could not grade.
    public var needsReview: Bool {
        !outcome.isFinal || scores.contains(where: \.needsReview)
    }

    /// The score on the student's row: `6/8`, with halves and such kept.
    public var scoreText: String {
        "\(Self.points(score))/\(Self.points(maxScore))"
    }

    /// Points without a trailing `.0`.
    public static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
