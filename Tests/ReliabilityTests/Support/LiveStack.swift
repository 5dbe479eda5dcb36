import AMQPClient
import ChaosLab
import Foundation

/// The reference stack the live suites run against, and how to reach it from the host.
///
/// Everything comes from the environment with the loopback defaults of
/// `compose/docker-compose.yml`, so the suites follow a user who moved a port or changed a
/// credential.
enum LiveStack {
    static let environment = ProcessInfo.processInfo.environment

    /// The package's root folder, found from this file so `swift test` works from anywhere.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The driver of the reference stack.
    static let driver: ComposeDriver = {
        var configuration = ComposeConfiguration.fromEnvironment(environment)
        if !configuration.composeFile.hasPrefix("/") {
            configuration.composeFile = packageRoot + "/" + configuration.composeFile
        }
        return ComposeDriver(configuration: configuration)
    }()

    /// The broker, read by `rabbitmqctl` in its container.
    static var broker: BrokerProbe { BrokerProbe(stack: driver) }

    static func port(_ variable: String, _ fallback: Int) -> Int {
        environment[variable].flatMap(Int.init) ?? fallback
    }

    static var amqpConfiguration: AMQPConfiguration {
        AMQPConfiguration(
            host: "127.0.0.1",
            port: port("CHAOSLAB_AMQP_PORT", 5672),
            username: environment["CHAOSLAB_AMQP_USER"] ?? "chaoslab",
            password: environment["CHAOSLAB_AMQP_PASSWORD"] ?? "chaoslab-secret",
            heartbeat: .seconds(5),
            connectionName: "chaoslab-tests"
        )
    }

    /// The API through Traefik's `web` entrypoint.
    static var proxiedAPI: String { "http://127.0.0.1:\(port("CHAOSLAB_HTTP_PORT", 80))" }
    /// The API through Traefik's TLS entrypoint.
    static var proxiedSecureAPI: String { "https://127.0.0.1:\(port("CHAOSLAB_HTTPS_PORT", 443))" }
    /// The API without the proxy.
    static var directAPI: String { "http://127.0.0.1:\(port("CHAOSLAB_API_PORT", 8000))" }

    static var apiCredentials: (user: String, password: String) {
        (environment["CHAOSLAB_API_USER"] ?? "admin", environment["CHAOSLAB_API_PASSWORD"] ?? "chaoslab-api-secret")
    }

    static let workQueue = "chaoslab.work"
}
