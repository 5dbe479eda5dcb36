/// How far a submission got: graded, or why not.
public enum SubmissionOutcome: Sendable, Codable, Hashable {
    /// Its stack came up and the checks ran; their verdicts are the grade.
    case graded
    /// Its stack did not start: the compose file does not parse, an image does not build, a
    /// service exits at start or never turns healthy. Every check scores zero; `reason` names
    /// the service, its exit status and its last log lines.
    case doesNotStart(reason: String)
    /// Grading it took longer than the time each student is given; the checks not reached earn
    /// nothing for now and the student is marked for review.
    case timedOut(after: Double, reason: String)
    /// The lab could not grade it for a reason that is not the student's (a port still held,
    /// Docker not answering, roles the lab cannot find). Nothing is scored; the student is
    /// marked for review, and `--resume` grades them again.
    case notGraded(reason: String)

    /// One word or two for tables: `graded`, `does not start`, `timed out`, `not graded`.
    public var label: String {
        switch self {
        case .graded: "graded"
        case .doesNotStart: "does not start"
        case .timedOut: "timed out"
        case .notGraded: "not graded"
        }
    }

    /// Why it was not graded in full, in sentences; `nil` when it was.
    public var reason: String? {
        switch self {
        case .graded: nil
        case .doesNotStart(let reason), .timedOut(_, let reason), .notGraded(let reason): reason
        }
    }

    /// Whether the outcome is final: a student with any other is graded again by `--resume`.
    public var isFinal: Bool {
        if case .notGraded = self { false } else { true }
    }
}
