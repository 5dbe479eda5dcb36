@testable import ChaosLab
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import Synchronization
import Testing

/// A class graded end to end on sessions that start nothing: the report set per student,
/// stacks that do not start, a timeout, resuming, and a submission that tries to declare a
/// required check away.
@Suite("Grading: a class on fake stacks")
struct ClassGraderTests {
    /// A check that reads the roles it was given: not applicable without a dead-letter queue.
    struct DeadLetterByRoles: ReliabilityCheck {
        var name: String { "dead-letter" }
        var title: String { "Dead-lettering" }
        var expectation: String { "Poison goes to the DLQ." }
        var mutants: [FixtureKnob] { [] }
        func run(in context: CheckContext) async throws -> CheckOutcome {
            guard let queue = context.roles.deadLetterQueue else {
                return CheckOutcome(verdict: .notApplicable, reason: "The stack claims no dead-lettering.")
            }
            return .pass("Poison reached \(queue).")
        }
    }

    static let compose = """
        services:
          mq:
            image: rabbitmq:3-management
          worker-a:
            image: example/worker
          worker-b:
            image: example/worker
        x-chaoslab:
          workers: [worker-a, worker-b]
          work_queue: jobs

        """

    /// Writes a student's repository with `compose` (and `extra` lines in its x-chaoslab block).
    static func student(_ root: String, _ name: String, extra: String = "") throws -> String {
        let folder = root + "/class/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try (compose + extra).write(toFile: folder + "/docker-compose.yml", atomically: true, encoding: .utf8)
        return folder
    }

    /// A grader on fake sessions: `upFailure` for the projects whose stack does not start.
    static func grader(
        _ root: String, policy: GradingPolicy, checks: [any ReliabilityCheck], timeout: Duration = .seconds(60), resume: Bool = false,
        courseRoles: String? = nil, upFailures: [String: StackError] = [:], onSession: @escaping @Sendable (String, StackRoles) -> Void = { _, _ in }
    ) -> ClassGrader {
        ClassGrader(
            policy: policy, courseRoles: courseRoles, output: URL(fileURLWithPath: root + "/out"), timeout: timeout, resume: resume,
            logger: Logger(label: "chaoslab.tests"),
            makeSession: { configuration, roles, logger in
                onSession(configuration.projectName, roles)
                let driver = FakeStackDriver(projectName: configuration.projectName, workQueue: "jobs", consumers: 2, failingUp: upFailures[configuration.projectName])
                return LabSession(
                    stack: driver, roles: roles, logger: logger, serviceNames: { ["mq"] }, removal: "`down`",
                    lockDirectory: URL(fileURLWithPath: root + "/locks")
                )
            },
            catalogue: checks
        )
    }

    @Test("each student gets a report set, results.json and grade.json; a stack that does not start is graded so and the batch goes on")
    func classRun() async throws {
        try await withTemporaryDirectory { root in
            let ana = try Self.student(root, "ana")
            let luis = try Self.student(root, "luis")
            let exited = StackError(project: "chaoslab-grade-luis", code: .exited(service: "worker-a", exitCode: 1), logTail: ["ModuleNotFoundError: No module named 'pika'"])
            // Without an API, these two are the checks that apply to the stack.
            let policy = GradingPolicy(checks: ["persistence", "dead-letter"])
            let grader = Self.grader(root, policy: policy, checks: [ScriptedCheck("persistence"), ScriptedCheck("dead-letter", outcome: { .fail("Silent loss: m-2.") })], upFailures: ["chaoslab-grade-luis": exited])
            let summary = try await grader.grade(try Roster.submissions(from: [ana, luis]))
            #expect(summary.grades.map(\.scoreText) == ["1/2", "0/2"])
            #expect(summary.grades[1].outcome == .doesNotStart(reason: "Service `worker-a` of project `chaoslab-grade-luis` exited with code 1 while the stack was coming up; last log lines: ModuleNotFoundError: No module named 'pika'"))
            for name in ["ana", "luis"] {
                for file in ["index.html", "report.json", "report.md", "junit.xml", "roles.txt", "results.json", "grade.json"] {
                    #expect(FileManager.default.fileExists(atPath: "\(root)/out/\(name)/\(file)"), "\(name)/\(file)")
                }
            }
            for file in ["index.html", "grades.csv", "class.json"] {
                #expect(FileManager.default.fileExists(atPath: "\(root)/out/\(file)"))
            }
            let page = try String(contentsOfFile: root + "/out/luis/index.html", encoding: .utf8)
            #expect(page.contains("The stack did not start, so no check could run."))
            #expect(page.contains("ModuleNotFoundError: No module named &#39;pika&#39;") || page.contains("ModuleNotFoundError: No module named 'pika'"))
        }
    }

    @Test("a student who outruns the time given is taken down, keeps the checks done and is marked for review")
    func timeout() async throws {
        try await withTemporaryDirectory { root in
            let ana = try Self.student(root, "ana")
            let slow = ScriptedCheck("redelivery", outcome: {
                try await Task.sleep(for: .seconds(30))
                return .pass("Too late.")
            })
            let grader = Self.grader(root, policy: GradingPolicy(checks: ["round-robin", "redelivery"]), checks: [ScriptedCheck("round-robin"), slow], timeout: .milliseconds(1500))
            let clock = ContinuousClock()
            let start = clock.now
            let grade = try #require(try await grader.grade(try Roster.submissions(from: [ana])).grades.first)
            #expect(clock.now - start < .seconds(20))
            guard case .timedOut = grade.outcome else {
                Issue.record("expected a timeout, got \(grade.outcome)")
                return
            }
            #expect(grade.scores.map(\.verdict) == [.pass, .inconclusive])
            #expect(grade.scoreText == "1/2")
            #expect(grade.needsReview)
        }
    }

    @Test("--resume skips the students graded for good and grades again those the lab could not")
    func resume() async throws {
        try await withTemporaryDirectory { root in
            let ana = try Self.student(root, "ana")
            let luis = try Self.student(root, "luis")
            let runs = Mutex(0)
            let counted = ScriptedCheck("round-robin", outcome: {
                runs.withLock { $0 += 1 }
                return .pass("It held.")
            })
            let policy = GradingPolicy(checks: ["round-robin"])
            let submissions = try Roster.submissions(from: [ana, luis])
            _ = try await Self.grader(root, policy: policy, checks: [counted]).grade(submissions)
            // Pretend luis could not be graded (a port was held): resume grades only him.
            var luisGrade = try #require(SubmissionGrade.read(from: URL(fileURLWithPath: root + "/out/luis")))
            luisGrade.outcome = .notGraded(reason: "Port 5672 was held.")
            try luisGrade.jsonData().write(to: URL(fileURLWithPath: root + "/out/luis/grade.json"))
            let summary = try await Self.grader(root, policy: policy, checks: [counted], resume: true).grade(submissions)
            #expect(runs.withLock { $0 } == 3)
            #expect(summary.grades.map(\.outcome) == [.graded, .graded])
        }
    }

    @Test("a submission's x-chaoslab cannot switch off a check the grader requires")
    func requiredCannotBeDeclaredAway() async throws {
        try await withTemporaryDirectory { root in
            let sly = try Self.student(root, "sly", extra: "  dead_letter_queue: null\n")
            let policy = GradingPolicy(checks: ["round-robin", "dead-letter"], required: ["dead-letter"])
            let checks: [any ReliabilityCheck] = [ScriptedCheck("round-robin"), DeadLetterByRoles()]
            // Without course roles: the check does not apply, and, required, it scores zero.
            let alone = try #require(try await Self.grader(root, policy: policy, checks: checks).grade(try Roster.submissions(from: [sly])).grades.first)
            #expect(alone.scores.map(\.verdict) == [.pass, .notApplicable])
            #expect(alone.scoreText == "1/2")
            #expect(alone.scores[1].output.hasPrefix("Required by the course, but it does not apply to this stack"))
            // With the course's roles: its dead-letter queue is used, and the student's null is noted.
            let course = root + "/course.yml"
            try "dead_letter_queue: jobs.dead\n".write(toFile: course, atomically: true, encoding: .utf8)
            let seen = Mutex<[String: StackRoles]>([:])
            let graded = try #require(try await Self.grader(root, policy: policy, checks: checks, courseRoles: course, onSession: { project, roles in seen.withLock { $0[project] = roles } }).grade(try Roster.submissions(from: [sly])).grades.first)
            #expect(seen.withLock { $0["chaoslab-grade-sly"]?.deadLetterQueue } == "jobs.dead")
            #expect(graded.scoreText == "2/2")
            #expect(graded.rolesNotes.contains { $0.contains("declares dead_letter_queue = null") && $0.contains("the course's value is used") })
            // The overruled claim is flagged: in the grade, the student's report and the class page.
            #expect(graded.overruled.count == 1)
            #expect(graded.overruled.first?.hasPrefix("The submission's x-chaoslab (") == true)
            let report = try String(contentsOfFile: root + "/out/sly/index.html", encoding: .utf8)
            #expect(report.contains("⚑ The course's roles overruled 1 of the submission's own declarations"))
            let page = try String(contentsOfFile: root + "/out/index.html", encoding: .utf8)
            #expect(page.contains(#"<span class="overruled" title="The submission&#39;s x-chaoslab ("#))
        }
    }

    @Test("a compose file that does not parse does not start; roles the lab cannot find and a held port are not the student's doing")
    func brokenInputs() async throws {
        try await withTemporaryDirectory { root in
            let garbled = root + "/class/garbled"
            try FileManager.default.createDirectory(atPath: garbled, withIntermediateDirectories: true)
            try "services:\n  worker:\n    image: [unclosed\n".write(toFile: garbled + "/docker-compose.yml", atomically: true, encoding: .utf8)
            let bare = root + "/class/bare"
            try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
            try "services:\n  web:\n    image: nginx\n".write(toFile: bare + "/docker-compose.yml", atomically: true, encoding: .utf8)
            let (descriptor, port) = try #require(HostPortCheckTests.listen())
            let blocked = try Self.student(root, "blocked")
            try Self.compose.replacingOccurrences(of: "    image: rabbitmq:3-management\n", with: "    image: rabbitmq:3-management\n    ports: [\"127.0.0.1:\(port):5672\"]\n")
                .write(toFile: blocked + "/docker-compose.yml", atomically: true, encoding: .utf8)
            let grader = Self.grader(root, policy: GradingPolicy(checks: ["persistence"]), checks: [ScriptedCheck("persistence")])
            let grades = try await grader.grade(try Roster.submissions(from: [garbled, bare, blocked])).grades
            close(descriptor)
            guard case .doesNotStart(let reason) = grades[0].outcome else {
                Issue.record("garbled: \(grades[0].outcome)")
                return
            }
            #expect(reason.hasPrefix("The compose file cannot be used: \(garbled)/docker-compose.yml:"), "\(reason)")
            #expect(grades[0].scoreText == "0/1" && !grades[0].needsReview)
            #expect(grades[1].outcome.label == "not graded")
            #expect(grades[1].outcome.reason?.contains("name them in the course's roles (--roles) and grade again with --resume") == true, "\(grades[1].outcome)")
            #expect(grades[2].outcome.label == "not graded")
            #expect(grades[2].outcome.reason?.hasPrefix("The stack cannot start here: port 127.0.0.1:\(port) of service mq is held by") == true, "\(grades[2].outcome)")
            #expect(grades[1].needsReview && grades[2].needsReview)
            for name in ["garbled", "bare", "blocked"] {
                #expect(FileManager.default.fileExists(atPath: "\(root)/out/\(name)/index.html"), "\(name)")
            }
        }
    }
}
