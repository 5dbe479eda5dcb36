import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab up`: starts the stack and waits until every service is ready.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the stack and wait until every service runs and is healthy.",
        discussion: "On failure, or on SIGINT, SIGTERM or SIGHUP while waiting, the stack is removed (volumes included) unless --keep-on-failure is given; a second signal exits at once. Refused while another command of the lab uses the project."
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("knob"),
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Fault knobs to switch on (repeat, or separate with commas).",
            discussion: "Known: \(FixtureKnob.allCases.map(\.rawValue).joined(separator: ", ")). Default: $CHAOSLAB_KNOBS."
        )
    )
    var knobs: [String] = []

    @Flag(name: .long, help: "Leave a stack that failed to come up in place for inspection.")
    var keepOnFailure = false

    @Option(name: .long, help: "Seconds every service may take to become ready.")
    var deadline: Int = 180

    func run() async throws {
        let driver = try global.driver()
        var options = UpOptions(deadline: .seconds(deadline), keepOnFailure: keepOnFailure)
        let inherited = ProcessInfo.processInfo.environment[FixtureKnob.environmentVariable]
        if !knobs.isEmpty || inherited != nil {
            let chosen = try FixtureKnob.parse(knobs.isEmpty ? [inherited ?? ""] : knobs)
            options.environment.merge(FixtureKnob.environment(chosen)) { _, new in new }
        }
        let fate = keepOnFailure ? "the stack was left in place" : "the stack was removed"
        let (report, _) = try await ProjectLock.holding(driver.projectName) {
            try await SignalTrap.cancellingOnSignal(
                notice: keepOnFailure ? "stopping; the stack stays for inspection…" : "stopping; removing the stack…",
                leftBehind: "the stack of project \(driver.projectName) may remain; `chaoslab down --project \(driver.projectName)` removes it",
                ifThrown: fate
            ) { [options] in
                try await driver.up(options)
            }
        }
        print("Project \(driver.projectName) is up in \(String(format: "%.1f", report.elapsed.seconds)) s.")
        let file = try? ComposeFile.load(path: driver.configuration.composeFile, environment: nil)
        print(StatusTable(serviceNames: file?.serviceNames ?? [], instances: report.instances).rendered)
    }
}
