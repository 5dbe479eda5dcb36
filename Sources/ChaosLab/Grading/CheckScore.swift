/// What one check earned a student, and why.
public struct CheckScore: Sendable, Codable, Hashable {
    /// The check's name, e.g. `redelivery`.
    public var check: String
    /// The property in words.
    public var title: String
    /// The check's verdict; `nil` when it never ran (the stack did not start).
    public var verdict: Verdict?
    /// Points earned.
    public var points: Double
    /// Points it was worth for this student: zero for a check that does not apply and is not
    /// required.
    public var maxPoints: Double
    /// Whether the course requires it.
    public var required: Bool
    /// Whether a person must look at it before the grade is final (the lab could not conclude).
    public var needsReview: Bool
    /// Why, in full sentences: the verdict's reason, or why the check did not count.
    public var output: String

    public init(check: String, title: String, verdict: Verdict?, points: Double, maxPoints: Double, required: Bool, needsReview: Bool, output: String) {
        self.check = check
        self.title = title
        self.verdict = verdict
        self.points = points
        self.maxPoints = maxPoints
        self.required = required
        self.needsReview = needsReview
        self.output = output
    }

    /// The cell's word: the verdict as reports write it, or `not run`.
    public var verdictLabel: String {
        verdict?.word ?? "not run"
    }
}
