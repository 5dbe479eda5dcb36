import ArgumentParser

/// `chaoslab-bench`: times the lab's own engine on synthetic input (no stack, no Docker), and
/// what watching the broker costs a running stack. Prints figures; build it in release mode for
/// figures worth comparing.
@main
struct ChaosLabBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaoslab-bench",
        abstract: "Time the lab's verdict engine, and what its firehose costs a stack.",
        subcommands: [VerdictsCommand.self, FirehoseCostCommand.self]
    )
}
