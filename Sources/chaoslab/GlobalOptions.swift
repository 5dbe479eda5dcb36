import ArgumentParser
import ChaosLab
import Foundation
import Logging
import Synchronization

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The compose project name.", discussion: "Default: $CHAOSLAB_PROJECT, else chaoslab."))
    var project: String?

    @Option(name: .long, help: ArgumentHelp("The compose file.", discussion: "Default: $CHAOSLAB_COMPOSE_FILE, else compose/docker-compose.yml."))
    var compose: String?

    @Flag(name: .long, help: ArgumentHelp("Deploy the stack on the Swarm nodes `make swarm-up` made (docker stack deploy) instead of Compose.", discussion: "docs/swarm.md says what differs."))
    var swarm = false

    @Flag(name: .shortAndLong, help: "Print every Docker command run.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    /// The stack configuration: options first, then the environment, then the defaults.
    var stackConfiguration: ComposeConfiguration {
        var configuration = ComposeConfiguration.fromEnvironment()
        if let project { configuration.projectName = project }
        if let compose { configuration.composeFile = compose }
        return configuration
    }

    /// Sends log messages to stderr at the level the flags ask for. The logging system can be
    /// set up only once per process, so later calls just return a logger.
    func bootstrapLogging() -> Logger {
        let level: Logger.Level = verbose ? .debug : quiet ? .warning : .info
        Self.loggingBootstrapped.withLock { done in
            guard !done else { return }
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            done = true
        }
        return Logger(label: "chaoslab")
    }

    private static let loggingBootstrapped = Mutex(false)

    /// A driver for the configured project.
    func driver() throws -> any ComposeStackDriver {
        try driver(for: stackConfiguration)
    }

    /// A driver for `configuration`: on the Swarm with `--swarm`, else Compose.
    func driver(for configuration: ComposeConfiguration) throws -> any ComposeStackDriver {
        try configuration.validate()
        if swarm {
            return SwarmDriver(configuration: configuration, logger: bootstrapLogging())
        }
        return ComposeDriver(configuration: configuration, logger: bootstrapLogging())
    }
}
