import ArgumentParser

/// `chaoslab version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() {
        print("chaoslab \(ChaosLabVersion.current)")
    }
}
