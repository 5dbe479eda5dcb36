import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

/// What the `api` and `worker` commands share: configuration, logging, and running services
/// until SIGTERM or SIGINT.
enum ServiceStartup {
    /// Exit status for an unusable setting (sysexits' EX_CONFIG).
    static let configurationExitCode = ExitCode(78)

    /// The configuration from the environment; on a bad value prints one line naming the
    /// variable and its value, and exits.
    static func loadConfiguration() throws -> FixtureConfiguration {
        do {
            return try FixtureConfiguration(environment: ProcessInfo.processInfo.environment)
        } catch {
            StandardOutput.writeErrorLine("chaoslab-fixture: \(error)")
            throw configurationExitCode
        }
    }

    /// Every logger prints unbuffered `[label] message` lines.
    static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in LineLogHandler(label: label) }
    }

    /// Runs `services` until one ends or a SIGTERM or SIGINT asks for a graceful shutdown,
    /// which reaches the services in reverse order.
    static func run(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
