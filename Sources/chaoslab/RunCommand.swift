import ArgumentParser
import ChaosLab
import Foundation
import Synchronization

/// `chaoslab run`: brings the stack up, runs the checks, always takes it down, writes a report.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Bring the stack up, run the checks with visible progress, take it down, and write a report.",
        discussion: "Exit status 0 only if every check passed (or did not apply). The report goes to reports/<timestamp>/ unless --report says otherwise."
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
        let session = LabSession(stack: driver, roles: stackRoles, logger: logger)
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let logs = LogBox()
        let results = try await SignalTrap.cancellingOnSignal {
            try await session.run(
                checks, knobs: chosenKnobs, keepUp: keepUp,
                onStart: ProgressPrinter.started, onResult: ProgressPrinter.finished,
                collectLogs: { logs.set($0) }
            )
        }
        let runReport = RunReport(
            project: driver.projectName, composeFile: driver.configuration.composeFile,
            knobs: chosenKnobs.map(\.rawValue), startedAt: startedAt, duration: clock.now - start, results: results,
            roles: resolution?.text, rolesSummary: resolution?.summary
        )
        let writer = report.map { ReportWriter(directory: URL(fileURLWithPath: $0)) }
            ?? ReportWriter.timestamped(under: URL(fileURLWithPath: "reports"), at: startedAt)
        try writer.write(runReport, logs: logs.value)
        let passed = results.filter { $0.verdict == .pass }.count
        print("\(passed) of \(results.count) checks passed in \(String(format: "%.1f", runReport.duration.seconds)) s; report: \(writer.directory.path)/index.html")
        if !runReport.passed {
            throw ExitCode(1)
        }
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

/// Holds the logs handed over by the session's teardown.
final class LogBox: Sendable {
    private let storage = Mutex<[String: String]>([:])
    func set(_ logs: [String: String]) { storage.withLock { $0 = logs } }
    var value: [String: String] { storage.withLock { $0 } }
}
