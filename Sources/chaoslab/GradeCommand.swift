import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab grade PATH...`: grades a class, one repository after another, and writes a
/// report per student and a summary of the class.
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a class: each student's stack built, brought up, checked and taken down in turn; a report per student and a class summary.",
        discussion: """
            Each PATH is a student's repository (a folder with a compose file, or the compose \
            file) or a roster file (name<TAB>path per line). The course's roles (--roles) \
            outrank whatever a submission declares, and a submission cannot declare a role, and \
            so a check, away. A stack that does not build or start is graded "does not start" \
            with its report, and the batch goes on.

            DIR gets index.html (student × check, sortable), grades.csv and class.json, and a \
            folder per student with the usual report, results.json (Gradescope's format) and \
            grade.json. docs/grading.md describes the scoring.

            Exit status: 0 every student was graded and no grade awaits review; 2 bad input; 3 \
            some student could not be graded, timed out, or has a check the lab could not \
            conclude (the summary flags them ⚑); 128 + the signal when interrupted (the student \
            being graded is taken down and graded again by --resume).
            """
    )

    @Argument(help: ArgumentHelp("Students' repositories (folders or compose files) and roster files.", valueName: "path"))
    var paths: [String]

    @OptionGroup var selection: CheckSelection

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Checks the course requires (repeat, or separate with commas): one that does not apply scores zero, with the reason.", valueName: "check"))
    var require: [String] = []

    @Option(name: .long, help: ArgumentHelp("Points per check: a YAML map such as `redelivery: 3`; a check not named is worth 1.", valueName: "file"))
    var weights: String?

    @Option(name: .long, help: ArgumentHelp("The course's roles, applied to every student; they outrank the submission's x-chaoslab block and chaoslab.yml.", valueName: "file"))
    var roles: String?

    @Option(name: .long, help: ArgumentHelp("The class's folder.", discussion: "Default: grades/<timestamp>.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("How long one student may take, build and teardown included: seconds, or with s, m or h.", valueName: "time"))
    var timeout: String = "15m"

    @Flag(name: .long, help: "Skip students already graded in the class's folder (those not graded, or interrupted, are graded again).")
    var resume = false

    @Flag(name: .shortAndLong, help: "Print every Docker command run.")
    var verbose = false

    func validate() throws {
        if resume && out == nil {
            throw ValidationError("--resume needs --out DIR: the folder of the class to resume.")
        }
        _ = try Self.duration(timeout)
    }

    func run() async throws {
        var global = try GlobalOptions.parse([])
        // The progress lines say what happens; the lab's own log only with --verbose.
        (global.verbose, global.quiet) = (verbose, !verbose)
        let logger = global.bootstrapLogging()
        let submissions: [Submission]
        let policy: GradingPolicy
        do {
            submissions = try Roster.submissions(from: paths)
            policy = try GradingPolicy.make(checks: selection.names.isEmpty ? [] : try selection.checks().map(\.name), required: Self.names(require), weightsFile: weights)
        } catch let error as GradingInputError {
            throw ValidationError("\(error)")
        }
        if let roles, !FileManager.default.isReadableFile(atPath: roles) {
            throw ValidationError("\(roles): the course's roles cannot be read.")
        }
        let output = URL(fileURLWithPath: out ?? ReportWriter.timestamped(under: URL(fileURLWithPath: "grades")).directory.path)
        let grader = ClassGrader(
            policy: policy, courseRoles: roles, output: output, timeout: try Self.duration(timeout), resume: resume,
            composeBase: ComposeConfiguration.fromEnvironment(), logger: logger
        )
        let printer = GradeProgressPrinter(policy: policy)
        ProgressPrinter.emit("Grading \(submissions.count) student\(submissions.count == 1 ? "" : "s") into \(output.path)/ (checks: \(policy.checks.joined(separator: ", ")))")
        let (summary, _) = try await SignalTrap.cancellingOnSignal(
            notice: "stopping; taking the current student's stack down (the students done are in the summary)…",
            leftBehind: "the current student's stack may remain; `docker ps --filter label=com.docker.compose.project` names it",
            ifThrown: "the current student's stack was taken down; grade them with --resume --out \(output.path)"
        ) {
            try await grader.grade(submissions, progress: printer.progress)
        }
        printer.printFinalTable(summary, folder: output)
        if summary.grades.contains(where: \.needsReview) {
            throw ExitCode(3)
        }
    }

    /// Names given repeated or comma-separated.
    static func names(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `900`, `90s`, `15m` or `1h` as a duration.
    static func duration(_ text: String) throws -> Duration {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        let unit = text.last.flatMap { units[$0] }
        let number = Double(unit == nil ? text : String(text.dropLast()))
        guard let number, number > 0, number.isFinite else {
            throw ValidationError("--timeout \(text): give seconds, or a number with s, m or h (900, 15m).")
        }
        return .milliseconds(Int64(number * (unit ?? 1) * 1000))
    }
}
