import AMQPClient
import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab-bench publish`: the lab's AMQP publishing with confirms against pika's.
///
/// Both publish the same mandatory messages to a scratch queue the command declares and
/// deletes — persistent to a durable queue, or with `--transient` transient to a non-durable
/// one, where the broker does not write each message to disk: the lab through ``SoakLoad`` (pipelined confirms, a window in flight
/// per connection, every attempt journalled as in a soak), pika one message at a time with
/// `confirm_delivery()`.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Confirmed publishes per second: the lab's AMQP publisher against pika's BlockingConnection.",
        discussion: """
            Needs a broker: the reference stack's (`make up`) unless --host/--port/--user/--password \
            say otherwise. pika runs from --python, which must have it installed (\(PikaPublisher.setup)); \
            without it the comparison is skipped. Prints msg/s for both, their ratio, the lab's \
            publish latencies, and the lab's CPU time per 1,000 msg/s (getrusage over the run).
            """
    )

    @OptionGroup var broker: BrokerOptions

    @Option(help: "Messages each publisher sends.")
    var messages = 100_000

    @Option(help: "Messages pika sends (default: --messages).")
    var pikaMessages: Int?

    @Option(help: "The lab's connections, each with its own window.")
    var connections = 1

    @Option(help: "The lab's publishes awaiting their confirm per connection.")
    var window = 256

    @Option(help: "A Python with pika installed.")
    var python = PikaPublisher.defaultPython

    @Flag(help: "Leave pika out.")
    var skipPika = false

    @Flag(help: "Do not journal the lab's attempts (a soak always does).")
    var noJournal = false

    @Flag(help: "Transient messages to a non-durable queue, for both publishers (default: persistent to a durable queue).")
    var transient = false

    func run() async throws {
        let access = broker.access
        let queue = "chaoslab.bench.\(UUID().uuidString.prefix(8).lowercased())"
        let kind = transient ? "transient messages with confirms to the non-durable queue" : "persistent messages with confirms to the durable queue"
        print("publish: \(messages.grouped) \(kind) \(queue) on \(access.host):\(access.amqpPort)")
        let admin = try await AMQPConnection.connect(access.configuration(connectionName: "chaoslab bench admin"))
        let channel = try await admin.openChannel()
        do {
            try await channel.declareQueue(queue, durable: !transient)
            let lab = try await measureLab(access, queue: queue)
            try await channel.purgeQueue(queue)
            if !skipPika {
                try await measurePika(access, queue: queue, labRate: lab)
            }
        } catch {
            _ = try? await channel.deleteQueue(queue)
            await admin.close()
            throw error
        }
        try await channel.deleteQueue(queue)
        await admin.close()
    }

    /// Runs the lab's publisher and prints its figures; returns its msg/s.
    private func measureLab(_ access: BrokerAccess, queue: String) async throws -> Double {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("chaoslab-bench-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: journal) }
        let target = SoakAMQPTarget(routingKey: queue, persistent: !transient) { name in
            try await AMQPConnection.connect(access.configuration(connectionName: name))
        }
        let load = SoakLoad(.amqp(target), configuration: SoakLoadConfiguration(
            duration: .seconds(3600), runID: CheckContext.newRunID(), tokenName: "bench", lanes: connections, window: window,
            messageLimit: messages, journal: noJournal ? nil : journal))
        let cpuBefore = ProcessCPU.used
        let result = try await load.run()
        let cpu = ProcessCPU.used - cpuBefore
        let rate = result.ackedPerSecond
        let cores = cpu.seconds / result.elapsed.seconds
        print(String(format: "lab:  %@ acked in %.2f s = %.0f msg/s (%d connection(s), window %d, journal %@); refused %d, indeterminate %d",
                     result.acknowledged.grouped, result.elapsed.seconds, rate, connections, window, noJournal ? "off" : "on",
                     result.refused, result.indeterminate))
        if let latency = result.publishLatency {
            print("lab:  publish latency \(latency)")
        }
        print(String(format: "lab:  CPU %.2f s over the run = %.2f cores busy; %.1f %% of a core per 1,000 msg/s",
                     cpu.seconds, cores, rate > 0 ? cores / (rate / 1000) * 100 : 0))
        return rate
    }

    /// Runs pika's publisher and prints its figure and the ratio.
    private func measurePika(_ access: BrokerAccess, queue: String, labRate: Double) async throws {
        let pika = PikaPublisher(python: python, access: access)
        guard await pika.isAvailable() else {
            print("pika: \(python) cannot import pika; make it with: \(PikaPublisher.setup)")
            return
        }
        let count = pikaMessages ?? messages
        let took = try await pika.publish(count, to: queue, persistent: !transient)
        let rate = Double(count) / took.seconds
        print(String(format: "pika: %@ acked in %.2f s = %.0f msg/s (BlockingConnection, confirm_delivery, one by one)",
                     count.grouped, took.seconds, rate))
        print(String(format: "ratio: the lab publishes %.1f× as fast as pika", labRate / rate))
    }
}
