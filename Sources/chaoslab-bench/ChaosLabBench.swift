import ArgumentParser

/// `chaoslab-bench`: times the lab's own engine on synthetic input, with no stack and no
/// Docker, and prints the figures. Build it in release mode for figures worth comparing.
@main
struct ChaosLabBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaoslab-bench",
        abstract: "Time the lab's verdict engine on synthetic, reproducible input.",
        subcommands: [VerdictsCommand.self]
    )
}
