public import Foundation
public import Logging

/// Grades a class, one student at a time: resolves each stack's roles with the course's
/// outranking the student's, builds and brings the stack up under a project of its own, runs
/// the checks, always takes it down, and writes the student's report set, `results.json` and
/// `grade.json` to `<output>/<student>/`. A stack that does not start is graded *does not
/// start* with its report, and the batch goes on.
///
/// Only cancellation (^C) stops the batch: the student being graded is taken down and left
/// ungraded, so `resume` grades them again.
public struct ClassGrader: Sendable {
    /// The checks, requirements and points.
    public var policy: GradingPolicy
    /// The course's roles manifest, applied to every student; it outranks what a submission
    /// declares.
    public var courseRoles: String?
    /// The class's folder: a folder per student and the summary.
    public var output: URL
    /// How long one student may take, build and teardown included.
    public var timeout: Duration
    /// Skip students whose final grade is already in ``output``.
    public var resume: Bool
    /// The compose settings every student's stack starts from (the compose CLI, timeouts); the
    /// project and compose file are each student's.
    public var composeBase: ComposeConfiguration
    public var logger: Logger
    /// Makes the session that brings a student's stack up, from its compose configuration
    /// (their project and compose file) and roles: on Compose unless told otherwise.
    public var makeSession: SessionMaker
    /// The checks the policy's names are taken from.
    public var catalogue: [any ReliabilityCheck]

    /// Makes a student's session from their compose configuration and roles.
    public typealias SessionMaker = @Sendable (_ configuration: ComposeConfiguration, _ roles: StackRoles, _ logger: Logger) -> LabSession

    /// A session on Compose.
    public static let composeSession: SessionMaker = { configuration, roles, logger in
        LabSession(stack: ComposeDriver(configuration: configuration, logger: logger), roles: roles, logger: logger)
    }

    public init(
        policy: GradingPolicy, courseRoles: String? = nil, output: URL, timeout: Duration = .seconds(900), resume: Bool = false,
        composeBase: ComposeConfiguration = ComposeConfiguration(), logger: Logger,
        makeSession: @escaping SessionMaker = ClassGrader.composeSession, catalogue: [any ReliabilityCheck] = CheckCatalogue.all
    ) {
        self.makeSession = makeSession
        self.catalogue = catalogue
        self.policy = policy
        self.courseRoles = courseRoles
        self.output = output
        self.timeout = timeout
        self.resume = resume
        self.composeBase = composeBase
        self.logger = logger
    }

    /// The policy's checks, in its order.
    var checks: [any ReliabilityCheck] {
        policy.checks.compactMap { name in catalogue.first { $0.name == name } }
    }

    /// The folder of `submission`'s report set.
    public func folder(of submission: Submission) -> URL {
        output.appending(path: submission.name)
    }

    /// Grades `submissions` in order and writes the class summary after each student, so an
    /// interrupted batch leaves a summary of those done.
    /// - Returns: every student's grade, in order.
    /// - Throws: `CancellationError` when cancelled (the summary of those done is written);
    ///   an error writing the class's folder.
    public func grade(_ submissions: [Submission], progress: GradingProgress = .silent) async throws -> ClassSummary {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var summary = ClassSummary(policy: policy, grades: [])
        for (index, submission) in submissions.enumerated() {
            if resume, let earlier = SubmissionGrade.read(from: folder(of: submission)), earlier.outcome.isFinal, earlier.submission == submission {
                summary.grades.append(earlier)
                progress.studentFinished(index + 1, submissions.count, earlier, true)
                try summary.write(to: output)
                continue
            }
            try Task.checkCancellation()
            progress.studentStarted(index + 1, submissions.count, submission)
            let grade = try await self.grade(submission, progress: progress)
            summary.grades.append(grade)
            try summary.write(to: output)
            progress.studentFinished(index + 1, submissions.count, grade, false)
        }
        return summary
    }
}
