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

    @OptionGroup var options: StackRunOptions

    func validate() throws {
        try options.validate(with: global)
    }

    func run() async throws {
        try await options.execute(selection.checks(swarm: global.swarm), global: global)
    }
}
