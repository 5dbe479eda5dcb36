import ArgumentParser
import ChaosLab

/// Options choosing which checks run.
struct CheckSelection: ParsableArguments {
    @Option(
        name: [.customLong("check"), .customLong("checks")],
        parsing: .upToNextOption,
        help: ArgumentHelp("Checks to run (repeat, or separate with commas); default: all.", discussion: "Known: \(CheckCatalogue.names.joined(separator: ", ")); with --swarm also \(CheckCatalogue.swarm.map(\.name).joined(separator: ", ")).")
    )
    var names: [String] = []

    /// The chosen checks, in catalogue order; on Swarm, the Swarm checks after the others.
    /// - Throws: a validation error naming the first unknown check.
    func checks(swarm: Bool = false) throws -> [any ReliabilityCheck] {
        let known = CheckCatalogue.all + (swarm ? CheckCatalogue.swarm : [])
        let wanted = names.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in wanted where !known.contains(where: { $0.name == name }) {
            let onSwarm = CheckCatalogue.swarm.contains { $0.name == name } ? " (\(name) needs --swarm)" : ""
            throw ValidationError("Unknown check \"\(name)\"\(onSwarm); known checks: \(known.map(\.name).joined(separator: ", ")).")
        }
        return wanted.isEmpty ? known : known.filter { wanted.contains($0.name) }
    }
}
