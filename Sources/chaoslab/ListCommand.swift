import ArgumentParser
import ChaosLab

/// `chaoslab list`: the checks, what each expects, and the knobs that must break it.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the checks, what each expects, and the knobs that must make it fail."
    )

    func run() {
        for check in CheckCatalogue.all {
            print("\(check.name) — \(check.title)")
            print("  expects: \(check.expectation)")
            print("  fails with knobs: \(check.mutants.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
