import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab selftest`: proves every check can pass and can fail.
struct SelfTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Run each check on the reference stack (it must pass) and with each of its knobs (it must fail).",
        discussion: "Prints the matrix; exit status 0 only if every cell is as expected. The stack is recreated for each knob and always taken down."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: CheckSelection

    func run() async throws {
        let plan = SelfTestPlan(checks: try selection.checks())
        let driver = try global.driver()
        let session = LabSession(stack: driver, roles: .reference(), logger: global.bootstrapLogging())
        let outcomes = try await SignalTrap.cancellingOnSignal {
            var outcomes: [SelfTestOutcome] = []
            for round in plan.rounds {
                let label = round.knobs.isEmpty ? "reference stack" : "knob \(FixtureKnob.environmentValue(round.knobs))"
                ProgressPrinter.emit("== \(label): \(round.checks.count) check(s), each must \(round.expected == .pass ? "pass" : "fail")")
                let results = try await session.run(round.checks, knobs: round.knobs, onStart: ProgressPrinter.started, onResult: ProgressPrinter.finished)
                outcomes += results.map { SelfTestOutcome(check: $0.check, knob: round.knobs.first, expected: round.expected, result: $0) }
            }
            return outcomes
        }
        print("")
        print(Self.matrix(outcomes))
        let wrong = outcomes.filter { !$0.asExpected }
        print(wrong.isEmpty ? "selftest passed: \(outcomes.count) of \(outcomes.count) as expected." : "selftest FAILED: \(wrong.count) of \(outcomes.count) not as expected.")
        if !wrong.isEmpty { throw ExitCode(1) }
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
