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

    func run() async throws {
        let checks = try selection.checks()
        let chosenKnobs = try FixtureKnob.parse(knobs)
        let driver = try global.driver()
        let logger = global.bootstrapLogging()
        let session = LabSession(stack: driver, roles: .reference(), logger: logger)
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let logs = LogBox()
        let work = Task {
            try await session.run(
                checks, knobs: chosenKnobs, keepUp: keepUp,
                onStart: ProgressPrinter.started, onResult: ProgressPrinter.finished,
                collectLogs: { logs.set($0) }
            )
        }
        let trap = SignalTrap(onFirst: { _ in
            ChaosLabCommand.printError("stopping; taking the stack down…")
            work.cancel()
        })
        let results: [CheckResult]
        do {
            results = try await work.value
            trap.cancel()
        } catch {
            trap.cancel()
            if let signal = trap.caught {
                throw Interrupted(signal: signal, cleanedUp: "the stack was removed")
            }
            throw error
        }
        let runReport = RunReport(
            project: driver.projectName, composeFile: driver.configuration.composeFile,
            knobs: chosenKnobs.map(\.rawValue), startedAt: startedAt, duration: clock.now - start, results: results
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

/// Holds the logs handed over by the session's teardown.
final class LogBox: Sendable {
    private let storage = Mutex<[String: String]>([:])
    func set(_ logs: [String: String]) { storage.withLock { $0 = logs } }
    var value: [String: String] { storage.withLock { $0 } }
}
