import ArgumentParser
import ChaosLab
import Foundation
import Logging

/// `chaoslab-bench firehose`: what watching the broker costs a running reference stack.
///
/// Publishes the same load through the reference API with the firehose off and on, in
/// alternating rounds on the same stack, and prints each round's throughput and the ratio.
struct FirehoseCostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firehose",
        abstract: "Messages per second through the reference API with and without the lab's firehose.",
        discussion: """
            Needs the reference stack up (`make up`). Each round publishes --messages messages \
            through the API's direct port, --concurrency requests at a time, first with tracing \
            off, then with the lab's firehose tap on (tracing switched on, every event consumed \
            by the lab), and waits for the work queue to drain between runs. The figure is \
            acknowledged publishes per second; the ratio is on/off.
            """
    )

    @Option(help: "Messages per run.")
    var messages = 2_000

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    @Option(help: "Rounds, each one run off and one on.")
    var rounds = 3

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let roles = StackRoles.reference(environment: environment)
        var configuration = ComposeConfiguration.fromEnvironment(environment)
        configuration.composeFile = URL(fileURLWithPath: configuration.composeFile).path
        let stack = ComposeDriver(configuration: configuration)
        let logger = Logger(label: "chaoslab.bench")
        let runID = CheckContext.newRunID()
        print("firehose cost: \(messages) messages a run, \(concurrency) at a time, \(rounds) rounds, project \(stack.projectName)")
        var off: [Double] = []
        var on: [Double] = []
        try await HTTPProbe.withProbe { http in
            for round in 1...rounds {
                let plain = try await LoadRun(http: http, roles: roles, stack: stack, prefix: "bench-off\(round)-\(runID)").run(messages: messages, concurrency: concurrency)
                off.append(plain.rate)
                let observer = await BrokerObserver.start(stack: stack, roles: roles, runID: runID, logger: logger)
                if let reason = observer.unavailable {
                    throw ValidationError("The firehose could not be switched on: \(reason)")
                }
                let started = Date()
                let traced = try await LoadRun(http: http, roles: roles, stack: stack, prefix: "firehose-\(round)-\(runID)").run(messages: messages, concurrency: concurrency)
                let events = await observer.deliveries(since: started).count + (await observer.publishes(since: started)).count
                await observer.stop()
                on.append(traced.rate)
                print(String(format: "round %d: off %7.1f msg/s, on %7.1f msg/s (%.2f×), %d firehose events, refused %d/%d",
                             round, plain.rate, traced.rate, traced.rate / plain.rate, events, plain.refused, traced.refused))
            }
        }
        let medianOff = off.sorted()[off.count / 2]
        let medianOn = on.sorted()[on.count / 2]
        print(String(format: "median: off %.1f msg/s, on %.1f msg/s; the firehose costs %.1f%% of the throughput", medianOff, medianOn, (1 - medianOn / medianOff) * 100))
    }
}

/// One timed load through the API: `messages` posts, `concurrency` at a time, then a wait for
/// the work queue to drain so the next run starts from the same state.
struct LoadRun {
    let http: HTTPProbe
    let roles: StackRoles
    let stack: ComposeDriver
    let prefix: String

    func run(messages: Int, concurrency: Int) async throws -> (rate: Double, refused: Int) {
        guard let api = roles.api else { throw ValidationError("The reference roles have no API.") }
        let clock = ContinuousClock()
        let start = clock.now
        let refused = try await withThrowingTaskGroup(of: Int.self) { group in
            for lane in 0..<concurrency {
                group.addTask {
                    var refused = 0
                    for number in stride(from: lane, to: messages, by: concurrency) {
                        let token = "\(prefix)-\(number)"
                        let exchange = try? await http.send(
                            "POST", api.baseURL + api.messagePath, body: api.body(token: token),
                            headers: [("Content-Type", "application/json")],
                            basicAuth: (api.user ?? "", api.password ?? ""), timeout: .seconds(10)
                        )
                        if exchange?.status != 200 { refused += 1 }
                    }
                    return refused
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = clock.now - start
        let broker = BrokerProbe(stack: stack, broker: ServiceTarget(service: roles.broker))
        try await Wait.until("\(roles.workQueue) to drain", deadline: .seconds(120), every: .milliseconds(500)) {
            try await broker.queue(named: roles.workQueue).flatMap { $0.total == 0 ? true : nil }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (Double(messages - refused) / seconds, refused)
    }
}
