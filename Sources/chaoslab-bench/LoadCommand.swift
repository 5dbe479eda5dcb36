import AMQPClient
import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab-bench load`: a soak's load alone, against the reference stack, with its progress
/// line every second and its figures at the end.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Run a soak's steady load against the reference stack and print its figures.",
        discussion: """
            Needs the reference stack up (`make up`). --via api posts through the API's direct \
            port with --concurrency lanes, each one request at a time; --via amqp publishes to the \
            work queue with --concurrency connections, each with --window publishes awaiting \
            their confirm. The workers consume what it sends.
            """
    )

    /// The routes a load can take, as the command line names them.
    enum Via: String, ExpressibleByArgument, CaseIterable {
        case api, amqp
    }

    @Option(help: "api or amqp.")
    var via: Via = .api

    @Option(help: "Seconds to publish.")
    var seconds = 30

    @Option(help: "API: requests in flight; AMQP: connections.")
    var concurrency = 8

    @Option(help: "AMQP: publishes awaiting their confirm per connection.")
    var window = 256

    @Option(help: "Publishes a second (default: as fast as the stack takes them).")
    var rate: Double?

    @OptionGroup var broker: BrokerOptions

    func run() async throws {
        let roles = StackRoles.reference(environment: ProcessInfo.processInfo.environment)
        let target: SoakTarget
        switch via {
        case .api:
            guard let api = roles.api else { throw ValidationError("The reference roles have no API.") }
            target = .api(api)
        case .amqp:
            let access = broker.access
            target = .amqp(SoakAMQPTarget(routingKey: roles.workQueue) { name in
                try await AMQPConnection.connect(access.configuration(connectionName: name))
            })
        }
        let load = SoakLoad(target, configuration: SoakLoadConfiguration(
            duration: .seconds(seconds), runID: CheckContext.newRunID(), rate: rate, lanes: concurrency, window: window))
        print("load: \(seconds) s via \(via.rawValue), concurrency \(concurrency)\(rate.map { ", \($0) msg/s" } ?? ", as fast as it goes")")
        let progress = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard !Task.isCancelled else { break }
                print(await load.snapshot())
            }
        }
        let cpuBefore = ProcessCPU.used
        let result = try await load.run()
        let cpu = ProcessCPU.used - cpuBefore
        progress.cancel()
        for figure in result.figures {
            print("\(figure.key): \(figure.formattedValue)")
        }
        print(String(format: "lab CPU: %.2f s, %.2f cores busy", cpu.seconds, cpu.seconds / result.elapsed.seconds))
    }
}
