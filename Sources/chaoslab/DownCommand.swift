import ArgumentParser
import ChaosLab

/// `chaoslab down`: removes the stack and checks that nothing of it remains.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Remove the stack's containers, networks and volumes, and check that nothing remains.",
        discussion: "Refused while another command of the lab (a run, a self-test) uses the project: it would pull the stack from under it."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Keep the stack's volumes (broker data, worker logs).")
    var keepVolumes = false

    func run() async throws {
        let driver = try global.driver()
        try await ProjectLock.holding(driver.projectName) {
            // Stopping half-way would leave exactly what this command exists to remove; a
            // second signal still exits, for who must.
            let trap = SignalTrap(
                onFirst: { _ in ChaosLabCommand.printError("removing the stack; please wait (again to exit at once).") },
                onRepeat: SignalTrap.exitingAtOnce("part of the stack may remain; run `chaoslab down --project \(driver.projectName)` again")
            )
            defer { trap.cancel() }
            try await driver.down(removeVolumes: !keepVolumes)
        }
        print("Project \(driver.projectName) is down; nothing of it remains.")
    }
}
