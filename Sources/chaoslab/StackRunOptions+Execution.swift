import ArgumentParser
import ChaosLab
import Foundation
import Logging

extension StackRunOptions {
    /// Brings the stack up, runs `checks` with visible progress, always takes it down (unless
    /// `--keep-up`), writes the report, and exits with the status the verdicts call for.
    func execute(_ checks: [any ReliabilityCheck], global: GlobalOptions) async throws {
        try await execute(global: global) { _ in checks }
    }

    /// As ``execute(_:global:)``, with the checks made once the stack's roles are known (a
    /// soak's schedule names its services), and `finished` called with the results after the
    /// report was written.
    func execute(
        global: GlobalOptions, finished: ([CheckResult]) -> Void = { _ in },
        checks makeChecks: (StackRoles) throws -> [any ReliabilityCheck]
    ) async throws {
        let chosenKnobs = try FixtureKnob.parse(knobs)
        let logger = global.bootstrapLogging()
        let (driver, stackRoles, resolution) = try stackUnderTest(global: global)
        let checks = try makeChecks(stackRoles)
        // An unreadable compose file is bad input: say so before anything is started.
        _ = try await driver.loadComposeFile()
        let session = LabSession(stack: driver, roles: stackRoles, logger: logger)
        let swarm = try await makeSwarm(project: driver.projectName, logger: logger)
        let status: RunExitStatus
        do {
            status = try await run(session, driver: driver, checks: checks, knobs: chosenKnobs, resolution: resolution, finished: finished)
        } catch {
            await swarm?.remove(logger: logger)
            throw error
        }
        await swarm?.remove(logger: logger)
        if status != .passed {
            throw ExitCode(status.rawValue)
        }
    }

    /// The session run under the project's lock, with the report written: the exit status the
    /// verdicts call for.
    private func run(
        _ session: LabSession, driver: any ComposeStackDriver, checks: [any ReliabilityCheck], knobs chosenKnobs: [FixtureKnob],
        resolution: RolesResolution?, finished: ([CheckResult]) -> Void
    ) async throws -> RunExitStatus {
        try await ProjectLock.holding(driver.projectName) {
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
            finished(labRun.results)
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
    }

    /// With `--nodes N`: a Swarm of N nodes made for this run, to remove after it. Refused when
    /// nodes exist already: they are someone's (`make swarm-up`).
    private func makeSwarm(project: String, logger: Logger) async throws -> TemporarySwarm? {
        guard let nodes else { return nil }
        let lab = SwarmLab()
        if let existing = try? await lab.nodes(project: project), !existing.isEmpty {
            throw ValidationError("Swarm nodes exist already (\(existing.map(\.name).joined(separator: ", "))): drop --nodes to run on them, or remove them with `make swarm-down` first.")
        }
        logger.info("making a Swarm of \(nodes) nodes for this run")
        let swarm = TemporarySwarm(lab: lab, project: project)
        do {
            try await lab.up(nodes: nodes, project: project)
        } catch {
            await swarm.remove(logger: logger)
            throw error
        }
        return swarm
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

    /// The driver and roles of the stack to run: the reference stack, or the one `--stack`
    /// names with its resolved roles and the resolution they came from (for the report).
    /// - Throws: ``RolesInputError`` for unreadable input, ``IncompleteRoles`` when the broker,
    ///   the workers or the work queue are unknown.
    func stackUnderTest(global: GlobalOptions) throws -> (any ComposeStackDriver, StackRoles, RolesResolution?) {
        guard let given = stack else {
            return (try global.driver(), .reference(), nil)
        }
        let stack: String
        do {
            stack = try ComposeFileLocator.composeFile(at: given)
        } catch {
            throw ValidationError("--stack \(error)")
        }
        let resolver = RolesResolver(environment: RolesResolver.environment(forComposeFile: stack))
        let resolution = try resolver.resolve(composeFile: stack, rolesFile: roles, courseRoles: courseRoles)
        guard let resolved = resolution.roles else {
            throw IncompleteRoles(composeFile: stack, missing: resolution.missing.filter(\.isEssential).map(\.field.rawValue))
        }
        ChaosLabCommand.printError("roles of \(stack): \(resolution.summary)")
        var configuration = global.stackConfiguration
        configuration.composeFile = stack
        if global.project == nil && (ProcessInfo.processInfo.environment["CHAOSLAB_PROJECT"] ?? "").isEmpty {
            configuration.projectName = ComposeConfiguration.stackProjectName(for: stack)
        }
        return (try global.driver(for: configuration), resolved, resolution)
    }
}
