import Foundation
import Logging

extension ClassGrader {
    /// What one student's run left: the outcome, the checks' results, the logs.
    struct StudentRun {
        var outcome: SubmissionOutcome
        var results: [CheckResult] = []
        var logs: [String: String] = [:]
    }

    /// Grades one student and writes their folder.
    /// - Throws: `CancellationError` when the batch is cancelled (nothing is written for them).
    func grade(_ submission: Submission, progress: GradingProgress) async throws -> SubmissionGrade {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let project = submission.projectName
        var resolution: RolesResolution?
        let run: StudentRun
        do {
            let resolved = try RolesResolver(environment: RolesResolver.environment(forComposeFile: submission.composeFile))
                .resolve(composeFile: submission.composeFile, courseRoles: courseRoles)
            resolution = resolved
            run = try await self.run(submission, resolution: resolved, progress: progress)
        } catch let error as RolesInputError where error.path == courseRoles {
            run = StudentRun(outcome: .notGraded(reason: "The course's roles cannot be used: \(error)"))
        } catch let error as RolesInputError {
            run = StudentRun(outcome: .doesNotStart(reason: "The compose file cannot be used: \(error)"))
        }
        let results = run.results.isEmpty ? checks.map { Self.notRun($0, outcome: run.outcome) } : run.results
        let grade = SubmissionGrade(
            submission: submission, project: project, outcome: run.outcome,
            scores: policy.scores(results: run.results, outcome: run.outcome, applicability: resolution?.checks ?? []),
            rolesSummary: resolution?.summary, rolesNotes: resolution?.notes ?? [], overruled: resolution?.overruled ?? [],
            startedAt: startedAt, duration: clock.now - start
        )
        let failure: String? = if case .doesNotStart(let reason) = run.outcome { reason } else { nil }
        let report = RunReport(
            project: project, composeFile: submission.composeFile, knobs: [], startedAt: startedAt, duration: grade.duration,
            results: results, roles: resolution?.text, rolesSummary: resolution?.summary, startFailure: failure,
            overruledClaims: resolution.flatMap { $0.overruled.isEmpty ? nil : $0.overruled }
        )
        let directory = folder(of: submission)
        try? FileManager.default.removeItem(at: directory)
        try ReportWriter(directory: directory).write(report, logs: run.logs)
        try GradescopeResults(grade).jsonData().write(to: directory.appending(path: "results.json"))
        try grade.jsonData().write(to: directory.appending(path: "grade.json"))
        return grade
    }

    /// Brings the student's stack up and runs the checks within the time allowed.
    private func run(_ submission: Submission, resolution: RolesResolution, progress: GradingProgress) async throws -> StudentRun {
        guard let roles = resolution.roles else {
            let missing = resolution.missing.filter(\.isEssential).map(\.field.rawValue)
            return StudentRun(outcome: .notGraded(reason: "The lab cannot tell which service is \(missing.joined(separator: ", ")) in \(submission.composeFile); name them in the course's roles (--roles) and grade again with --resume."))
        }
        var configuration = composeBase
        configuration.projectName = submission.projectName
        configuration.composeFile = submission.composeFile
        let file: ComposeFile
        do {
            file = try ComposeFile.load(path: submission.composeFile, environment: RolesResolver.environment(forComposeFile: submission.composeFile))
        } catch {
            return StudentRun(outcome: .doesNotStart(reason: "The compose file cannot be used: \(error)"))
        }
        if let held = await HostPortCheck.firstHeldPort(in: file) {
            return StudentRun(outcome: .notGraded(reason: "The stack cannot start here: \(held). Free it, then grade again with --resume."))
        }
        let session = makeSession(configuration, roles, logger)
        let checks = self.checks
        let limit = timeout
        let outcome = await withTaskGroup(of: TimedRun?.self) { group in
            group.addTask {
                do {
                    return .finished(try await session.run(checks, onStart: progress.checkStarted, onResult: progress.checkFinished, collectLogs: true))
                } catch {
                    return .threw(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return Task.isCancelled ? nil : .timedOut
            }
            var first: TimedRun?
            while let next = await group.next() {
                guard let next else { continue }
                first = next
                break
            }
            group.cancelAll()
            // The session takes its stack down when cancelled; wait for it, keeping what it learnt.
            var learnt: TimedRun?
            while let next = await group.next() {
                if case .finished? = next { learnt = next }
                if case .threw? = next { learnt = next }
            }
            return (first, learnt)
        }
        try Task.checkCancellation()
        return Self.studentRun(first: outcome.0, learnt: outcome.1, limit: limit)
    }

    /// What raced: the session's end, or the student's time running out.
    enum TimedRun: Sendable {
        case finished(LabRun)
        case threw(any Error)
        case timedOut
    }

    /// The outcome of a student's run from what ended first and what the session left.
    static func studentRun(first: TimedRun?, learnt: TimedRun?, limit: Duration) -> StudentRun {
        switch first {
        case .finished(let labRun)?:
            return StudentRun(outcome: .graded, results: labRun.results, logs: labRun.logs)
        case .threw(let error)?:
            return StudentRun(outcome: classify(startError: error))
        case .timedOut?, nil:
            let reason = "Grading took longer than the \(limit.secondsText) each student is given; the stack was taken down."
            if case .finished(let labRun)? = learnt, !labRun.results.isEmpty {
                return StudentRun(outcome: .timedOut(after: limit.seconds, reason: reason), results: labRun.results, logs: labRun.logs)
            }
            return StudentRun(outcome: .timedOut(after: limit.seconds, reason: reason + " It was still building or starting."))
        }
    }

    /// Whether an error bringing the stack up is the student's stack not starting, or the lab
    /// not being able to try.
    static func classify(startError error: any Error) -> SubmissionOutcome {
        switch error {
        case let error as StackError:
            if case .composeUnavailable = error.code {
                return .notGraded(reason: "Docker cannot be driven: \(error)")
            }
            return .doesNotStart(reason: "\(error)")
        case var error as CommandError:
            // Docker's notice about its legacy builder says nothing about the student's stack.
            error.errorTail.removeAll { line in
                line.hasPrefix("DEPRECATED: The legacy builder") || line.hasPrefix("Install the buildx component") || line.hasPrefix("https://docs.docker.com/go/buildx")
            }
            let text = "\(error)"
            if text.contains("Cannot connect to the Docker daemon") {
                return .notGraded(reason: "Docker does not answer: \(text)")
            }
            if text.contains("port is already allocated") || text.contains("address already in use") {
                return .notGraded(reason: "A port the stack publishes is held by something else: \(text) Free it, then grade again with --resume.")
            }
            let isBuild = error.commandLine.split(separator: " ").contains("build")
            return .doesNotStart(reason: isBuild ? "An image does not build: \(text)" : "The stack does not start: \(text)")
        case let error as ComposeFileError:
            return .doesNotStart(reason: "The compose file cannot be used: \(error)")
        case let error as ProjectLockError:
            return .notGraded(reason: "\(error)")
        default:
            return .notGraded(reason: "The lab could not bring the stack up: \(error)")
        }
    }

    /// The result of a check that never ran, for the report of a student whose stack did not
    /// start or who could not be graded.
    static func notRun(_ check: any ReliabilityCheck, outcome: SubmissionOutcome) -> CheckResult {
        CheckResult(
            check: check.name, title: check.title, verdict: .inconclusive,
            reason: "Not run: \(outcome.reason ?? "the check never ran.")",
            expectation: check.expectation, startedAt: Date(), duration: .zero
        )
    }
}
