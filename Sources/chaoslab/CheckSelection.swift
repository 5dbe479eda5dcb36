import ArgumentParser
import ChaosLab

/// Options choosing which checks run.
struct CheckSelection: ParsableArguments {
    @Option(
        name: [.customLong("check"), .customLong("checks")],
        parsing: .upToNextOption,
        help: ArgumentHelp("Checks to run (repeat, or separate with commas); default: all.", discussion: "Known: \(CheckCatalogue.names.joined(separator: ", ")).")
    )
    var names: [String] = []

    /// The chosen checks, in catalogue order.
    /// - Throws: a validation error naming the first unknown check.
    func checks() throws -> [any ReliabilityCheck] {
        let wanted = names.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in wanted where CheckCatalogue.check(named: name) == nil {
            throw ValidationError("Unknown check \"\(name)\"; known checks: \(CheckCatalogue.names.joined(separator: ", ")).")
        }
        return wanted.isEmpty ? CheckCatalogue.all : CheckCatalogue.all.filter { wanted.contains($0.name) }
    }
}
