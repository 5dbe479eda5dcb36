import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab selftest`: proves every check can pass and can fail.
struct SelfTestCommand: AsyncParsableCommand, VerdictCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Run each check on the reference stack (it must pass) and with each of its knobs (it must fail).",
        discussion: """
            Prints the matrix. The stack is recreated for each knob and always taken down; the \
            project is held for the whole self-test, so no other run can use it meanwhile.

            Exit status: 0 every cell as expected; 1 a check concluded otherwise than it must; \
            2 bad input (unknown check, bad flags); 3 some cell was inconclusive and none \
            concluded otherwise, or the lab could not conclude anything (Docker unreachable, \
            the stack never started, the project in use by another run), or the stack could \
            not be removed afterwards. SIGINT, SIGTERM and SIGHUP stop it, take the stack down \
            and print the cells that finished (exit 128 + the signal); a second one exits at once.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: CheckSelection

    /// The cells that finished, what became of the stack after the last round, and why the
    /// rounds stopped early, if they did.
    struct Progress: Sendable {
        var outcomes: [SelfTestOutcome] = []
        var teardown: LabRun.Teardown = .removed
        var stoppedBy: (any Error)?
    }

    func run() async throws {
        let plan = SelfTestPlan(checks: try selection.checks())
        let driver = try global.driver()
        // An unreadable compose file is bad input: say so before anything is started.
        _ = try await driver.loadComposeFile()
        let session = LabSession(stack: driver, roles: .reference(), logger: global.bootstrapLogging())
        let status = try await ProjectLock.holding(driver.projectName) {
            let (progress, signal) = try await SignalTrap.cancellingOnSignal(
                notice: "stopping; taking the stack down…",
                leftBehind: "the stack of project \(driver.projectName) may remain; remove it with \(session.removal)",
                ifThrown: "the stack was removed"
            ) {
                await Self.runRounds(plan, session: session)
            }
            print("")
            print(Self.matrix(progress.outcomes))
            if let signal {
                throw Interrupted(signal: signal, cleanedUp: progress.teardown.description)
            }
            if let stoppedBy = progress.stoppedBy {
                // Without a single cell the error alone decides: bad input, or nothing concluded.
                guard !progress.outcomes.isEmpty else { throw stoppedBy }
                ChaosLabCommand.printError("error: \(stoppedBy)")
            }
            if case .failed(let teardownError) = progress.teardown {
                ChaosLabCommand.printError("error: \(teardownError)")
            }
            let wrong = progress.outcomes.filter { !$0.asExpected }
            let count = progress.outcomes.count
            print(
                !wrong.isEmpty ? "selftest FAILED: \(wrong.count) of \(count) not as expected."
                    : progress.stoppedBy != nil ? "selftest incomplete: the \(count) cell(s) it reached are as expected."
                    : "selftest passed: \(count) of \(count) as expected."
            )
            return RunExitStatus(selfTest: progress.outcomes, housekeepingFailed: progress.teardown.isFailure || progress.stoppedBy != nil)
        }
        if status != .passed {
            throw ExitCode(status.rawValue)
        }
    }

    /// Runs the rounds in order; stops after a round that was cancelled, that could not start,
    /// or whose stack could not be removed (the next would start on what is left).
    static func runRounds(_ plan: SelfTestPlan, session: LabSession) async -> Progress {
        var progress = Progress()
        for round in plan.rounds {
            let label = round.knobs.isEmpty ? "reference stack" : "knob \(FixtureKnob.environmentValue(round.knobs))"
            ProgressPrinter.emit("== \(label): \(round.checks.count) check(s), each must \(round.expected == .pass ? "pass" : "fail")")
            let labRun: LabRun
            do {
                labRun = try await session.run(round.checks, knobs: round.knobs, onStart: ProgressPrinter.started, onResult: ProgressPrinter.finished)
            } catch {
                progress.stoppedBy = error
                return progress
            }
            progress.outcomes += labRun.results.map { SelfTestOutcome(check: $0.check, knob: round.knobs.first, expected: round.expected, result: $0) }
            progress.teardown = labRun.teardown
            if labRun.wasCancelled || Task.isCancelled || progress.teardown.isFailure {
                return progress
            }
        }
        return progress
    }

    static func matrix(_ outcomes: [SelfTestOutcome]) -> String {
        let header = ["check", "stack", "expected", "got", "ok", "time", "reason"]
        let rows = outcomes.map { outcome in
            [
                outcome.check, outcome.knob?.rawValue ?? "reference", outcome.expected.rawValue, outcome.result.verdict.rawValue,
                outcome.asExpected ? "yes" : "NO", String(format: "%.1f s", outcome.result.duration.seconds),
                String(outcome.result.reason.prefix(160)),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { index, cell in index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
