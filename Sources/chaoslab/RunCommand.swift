import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab run`: brings the stack up, runs the checks, always takes it down, writes a report.
struct RunCommand: AsyncParsableCommand, VerdictCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Bring the stack up, run the checks with visible progress, take it down, and write a report.",
        discussion: """
            The report goes to reports/<timestamp>/ unless --report says otherwise. One run at a \
            time per compose project: a second is refused at once, naming the first.

            Exit status: 0 every check passed or did not apply; 1 a check failed; 2 bad input \
            (unreadable compose file or roles, unknown check or knob, bad flags); 3 some check \
            was inconclusive and none failed, or the lab could not conclude anything (Docker \
            unreachable, the stack never started, the project in use by another run), or the \
            stack could not be removed afterwards. SIGINT, SIGTERM and SIGHUP stop the run, \
            take the stack down and write the report of what finished (exit 128 + the signal); \
            a second one exits at once.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: CheckSelection

    @Option(name: .customLong("knob"), parsing: .upToNextOption, help: "Fault knobs to switch on for the whole run.")
    var knobs: [String] = []

    @Option(name: .long, help: "The folder to write the report to.")
    var report: String?

    @Flag(name: .long, help: "Leave the stack running afterwards.")
    var keepUp = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The compose file of a stack the lab did not write (a student's repository).",
            discussion: "Its roles come from its x-chaoslab block, a manifest or inference; `chaoslab inspect` shows them. Its project is chaoslab-<folder> unless --project says otherwise. Default: the reference stack.",
            valueName: "compose-file"
        )
    )
    var stack: String?

    @Option(name: .long, help: ArgumentHelp("With --stack: a roles manifest to read instead of chaoslab.yml beside the compose file.", valueName: "file"))
    var roles: String?

    func validate() throws {
        if roles != nil && stack == nil {
            throw ValidationError("--roles needs --stack: the reference stack's roles are built in.")
        }
        if stack != nil && global.compose != nil {
            throw ValidationError("Give the compose file with --stack or with --compose, not both: --stack also derives its roles.")
        }
        if stack != nil && !knobs.isEmpty {
            throw ValidationError("--knob switches faults in the reference fixtures; a stack given with --stack does not read them.")
        }
    }

    func run() async throws {
        let checks = try selection.checks()
        let chosenKnobs = try FixtureKnob.parse(knobs)
        let logger = global.bootstrapLogging()
        let (driver, stackRoles, resolution) = try stackUnderTest()
        // An unreadable compose file is bad input: say so before anything is started.
        _ = try await driver.loadComposeFile()
        let session = LabSession(stack: driver, roles: stackRoles, logger: logger)
        let status = try await ProjectLock.holding(driver.projectName) {
            let startedAt = Date()
            let clock = ContinuousClock()
            let start = clock.now
            let (labRun, signal) = try await SignalTrap.cancellingOnSignal(
                notice: keepUp ? "stopping; with --keep-up the stack stays if it is up…" : "stopping; taking the stack down…",
                leftBehind: "the stack of project \(driver.projectName) may remain; remove it with \(session.removal)",
                ifThrown: "the stack was removed"
            ) { [keepUp] in
                try await session.run(
                    checks, knobs: chosenKnobs, keepUp: keepUp,
                    onStart: ProgressPrinter.started, onResult: ProgressPrinter.finished, collectLogs: true
                )
            }
            let runReport = RunReport(
                project: driver.projectName, composeFile: driver.configuration.composeFile,
                knobs: chosenKnobs.map(\.rawValue), startedAt: startedAt, duration: clock.now - start, results: labRun.results,
                roles: resolution?.text, rolesSummary: resolution?.summary
            )
            let reportWritten = writeReport(runReport, logs: labRun.logs)
            if let stoppedBy = labRun.stoppedBy, signal == nil {
                ChaosLabCommand.printError("error: the checks could not start: \(stoppedBy)")
            }
            if let signal {
                throw Interrupted(signal: signal, cleanedUp: labRun.teardown.description)
            }
            if let teardownError = labRun.teardownError {
                ChaosLabCommand.printError("error: \(teardownError)")
            }
            return RunExitStatus(verdicts: labRun.results.map(\.verdict), housekeepingFailed: labRun.teardownError != nil || !reportWritten)
        }
        if status != .passed {
            throw ExitCode(status.rawValue)
        }
    }

    /// Writes the report and prints the summary line; a report that cannot be written is said
    /// on stderr, so the exit status still tells what the checks concluded.
    /// - Returns: whether the report was written.
    func writeReport(_ runReport: RunReport, logs: [String: String]) -> Bool {
        let writer = report.map { ReportWriter(directory: URL(fileURLWithPath: $0)) }
            ?? ReportWriter.timestamped(under: URL(fileURLWithPath: "reports"), at: runReport.startedAt)
        let passed = runReport.results.filter { $0.verdict == .pass }.count
        let summary = "\(passed) of \(runReport.results.count) checks passed in \(String(format: "%.1f", runReport.duration.seconds)) s"
        do {
            try writer.write(runReport, logs: logs)
        } catch {
            print("\(summary); no report.")
            ChaosLabCommand.printError("error: the report could not be written to \(writer.directory.path): \(error.localizedDescription)")
            return false
        }
        print("\(summary); report: \(writer.directory.path)/index.html")
        return true
    }
}

extension RunCommand {
    /// The driver and roles of the stack to run: the reference stack, or the one `--stack`
    /// names with its resolved roles and the resolution they came from (for the report).
    /// - Throws: ``RolesInputError`` for unreadable input, ``IncompleteRoles`` when the broker,
    ///   the workers or the work queue are unknown.
    func stackUnderTest() throws -> (ComposeDriver, StackRoles, RolesResolution?) {
        guard let stack else {
            return (try global.driver(), .reference(), nil)
        }
        let resolver = RolesResolver(environment: RolesResolver.environment(forComposeFile: stack))
        let resolution = try resolver.resolve(composeFile: stack, rolesFile: roles)
        guard let resolved = resolution.roles else {
            throw IncompleteRoles(composeFile: stack, missing: resolution.missing.filter(\.isEssential).map(\.field.rawValue))
        }
        ChaosLabCommand.printError("roles of \(stack): \(resolution.summary)")
        var configuration = global.stackConfiguration
        configuration.composeFile = stack
        if global.project == nil && (ProcessInfo.processInfo.environment["CHAOSLAB_PROJECT"] ?? "").isEmpty {
            configuration.projectName = ComposeConfiguration.stackProjectName(for: stack)
        }
        try configuration.validate()
        return (ComposeDriver(configuration: configuration, logger: global.bootstrapLogging()), resolved, resolution)
    }
}
