import ArgumentParser

/// `chaoslab-fixture`: the reference system under test, one binary for every role.
@main
struct FixtureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaoslab-fixture",
        abstract: "The ChaosLab reference stack's API and worker, with fault knobs.",
        discussion: """
            Settings come from the environment: AMQP_HOST, AMQP_PORT, AMQP_USER, AMQP_PASSWORD, \
            AMQP_VHOST, AMQP_HEARTBEAT, WORK_QUEUE, API_PORT, API_USER, API_PASSWORD, WORKER_ID, \
            DATA_DIR and CHAOSLAB_KNOBS (comma-separated: \(Knob.allCases.map(\.rawValue).joined(separator: ", "))).
            """,
        subcommands: [APICommand.self, WorkerCommand.self, HealthcheckCommand.self]
    )
}
