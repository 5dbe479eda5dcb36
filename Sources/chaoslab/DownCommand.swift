import ArgumentParser
import ChaosLab

/// `chaoslab down`: removes the stack and checks that nothing of it remains.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Remove the stack's containers, networks and volumes, and check that nothing remains."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Keep the stack's volumes (broker data, worker logs).")
    var keepVolumes = false

    func run() async throws {
        let driver = try global.driver()
        // Stopping half-way would leave exactly what this command exists to remove.
        let trap = SignalTrap(
            onFirst: { _ in ChaosLabCommand.printError("removing the stack; please wait.") },
            onRepeat: { _ in ChaosLabCommand.printError("removing the stack; please wait.") }
        )
        defer { trap.cancel() }
        try await driver.down(removeVolumes: !keepVolumes)
        print("Project \(driver.projectName) is down; nothing of it remains.")
    }
}
