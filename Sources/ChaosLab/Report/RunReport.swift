public import Foundation

/// Everything one run of the lab found, as written to `report.json` (schema in
/// docs/report-format.md).
public struct RunReport: Sendable, Codable, Hashable {
    /// Bumped when a field changes meaning or goes away.
    public var schemaVersion: Int
    /// The compose project that was checked.
    public var project: String
    /// The compose file that describes the stack.
    public var composeFile: String
    /// Fault knobs that were on (empty for a normal run).
    public var knobs: [String]
    public var startedAt: Date
    @SecondsCoded public var duration: Duration
    /// One result per check, in run order.
    public var results: [CheckResult]
    /// For a stack the lab did not write: what it took each service for, as `chaoslab
    /// inspect` prints it (passwords masked); written beside the report as `roles.txt`.
    /// `nil` for the reference stack, whose roles are built in.
    public var roles: String?
    /// The roles in one line: how many were declared, guessed or defaulted, and how many
    /// checks applied.
    public var rolesSummary: String?
    /// Why the stack never started (an image that does not build, a service that exits at
    /// start), naming the service, its exit status and its last log lines; `nil` when it
    /// started. When set, no check ran.
    public var startFailure: String?
    /// When graded with the course's roles: each of the submission's own role declarations the
    /// course's overruled or set aside, naming both places; `nil` when none was.
    public var overruledClaims: [String]?

    public init(
        project: String, composeFile: String, knobs: [String], startedAt: Date, duration: Duration, results: [CheckResult],
        roles: String? = nil, rolesSummary: String? = nil, startFailure: String? = nil, overruledClaims: [String]? = nil
    ) {
        self.schemaVersion = 3
        self.project = project
        self.composeFile = composeFile
        self.knobs = knobs
        self.startedAt = startedAt
        self.duration = duration
        self.results = results
        self.roles = roles
        self.rolesSummary = rolesSummary
        self.startFailure = startFailure
        self.overruledClaims = overruledClaims
    }

    /// Whether every check passed or did not apply.
    public var passed: Bool {
        results.allSatisfy { $0.verdict == .pass || $0.verdict == .notApplicable }
    }
}
