import ArgumentParser

/// `chaoslab-bench`: times the lab's own engine on synthetic input (no stack, no Docker), and,
/// against a running stack, what watching the broker costs it and how fast the lab publishes. Prints figures; build it in release mode for
/// figures worth comparing.
@main
struct ChaosLabBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaoslab-bench",
        abstract: "Time the lab's verdict engine, its publishing and its load, and what its firehose costs a stack.",
        subcommands: [VerdictsCommand.self, FirehoseCostCommand.self, PublishCommand.self, LoadCommand.self]
    )
}
