/// What a ``ClassGrader`` says as it goes, for a terminal's progress lines. Every closure is
/// called on the grading task, in order.
public struct GradingProgress: Sendable {
    /// A student is about to be graded: their position (from 1), the class size, who.
    public var studentStarted: @Sendable (_ index: Int, _ count: Int, _ submission: Submission) -> Void
    /// A check is about to run on the current student.
    public var checkStarted: @Sendable (_ check: any ReliabilityCheck) -> Void
    /// A check ended on the current student.
    public var checkFinished: @Sendable (_ result: CheckResult) -> Void
    /// A student's grade is written; `resumed` when it was read back from an earlier run.
    public var studentFinished: @Sendable (_ index: Int, _ count: Int, _ grade: SubmissionGrade, _ resumed: Bool) -> Void

    public init(
        studentStarted: @escaping @Sendable (Int, Int, Submission) -> Void = { _, _, _ in },
        checkStarted: @escaping @Sendable (any ReliabilityCheck) -> Void = { _ in },
        checkFinished: @escaping @Sendable (CheckResult) -> Void = { _ in },
        studentFinished: @escaping @Sendable (Int, Int, SubmissionGrade, Bool) -> Void = { _, _, _, _ in }
    ) {
        self.studentStarted = studentStarted
        self.checkStarted = checkStarted
        self.checkFinished = checkFinished
        self.studentFinished = studentFinished
    }

    /// Says nothing.
    public static let silent = GradingProgress()
}
