@testable import ChaosLab
import Foundation
import Synchronization

/// A ``StackDriver`` that starts nothing: `up` and `down` only record that they were called,
/// the broker's `rabbitmqctl` answers with one empty work queue that every worker consumes,
/// and the final `down` can be made to fail, so a ``LabSession`` runs end to end without Docker.
/// Fault operations (kill, pause, partition…) are recorded with the moment they were asked
/// for, and those named in `failing` throw.
final class FakeStackDriver: StackDriver, NetworkImpairing {
    /// What the stack was asked to do, in order: `up`, `down`, or an `up` of some services alone.
    enum Call: Equatable { case up, down, recreate([String]) }

    /// A fault operation: its name (`pause`, `partition`…), its target, and its argument as
    /// text when it has one.
    struct Operation: Equatable, CustomStringConvertible {
        var name: String
        var target: ServiceTarget
        var detail: String?

        var description: String {
            "\(name) \(target)" + (detail.map { " \($0)" } ?? "")
        }
    }

    let projectName: String
    let workQueue: String
    let consumers: Int
    /// Makes the n-th `down` (counting from 1) throw this, when set.
    let failingDown: (call: Int, error: StackError)?
    /// What `up` throws, if it fails.
    let failingUp: StackError?
    /// What `instances(of:)` answers, filtered by service.
    private let knownInstances: Mutex<[ServiceInstance]>
    /// The names of the fault operations that throw.
    let failing: Set<String>
    /// Whether `up` honours ``UpOptions/services``, as Compose does.
    let recreatesSelectedServices: Bool
    /// How long each `stop` takes once recorded, as Docker's does for a process that ignores
    /// SIGTERM.
    let stopTakes: Duration
    private let recorded = Mutex<[Call]>([])
    private let operationLog = Mutex<[(Operation, ContinuousClock.Instant)]>([])

    init(
        projectName: String = "fake",
        workQueue: String = "work",
        consumers: Int = 1,
        failingDown: (call: Int, error: StackError)? = nil,
        failingUp: StackError? = nil,
        instances: [ServiceInstance] = [],
        failing: Set<String> = [],
        recreatesSelectedServices: Bool = false,
        stopTakes: Duration = .zero
    ) {
        self.stopTakes = stopTakes
        self.recreatesSelectedServices = recreatesSelectedServices
        self.failingUp = failingUp
        self.projectName = projectName
        self.workQueue = workQueue
        self.consumers = consumers
        self.failingDown = failingDown
        self.knownInstances = Mutex(instances)
        self.failing = failing
    }

    /// Every fault operation, in order.
    var operations: [Operation] {
        operationLog.withLock { $0.map(\.0) }
    }

    /// Every fault operation with the moment it was asked for.
    var timedOperations: [(Operation, ContinuousClock.Instant)] {
        operationLog.withLock { $0 }
    }

    func record(_ name: String, _ target: ServiceTarget, _ detail: String? = nil) throws {
        // As the real runner, which terminates the command of a cancelled task.
        try Task.checkCancellation()
        operationLog.withLock { $0.append((Operation(name: name, target: target, detail: detail), .now)) }
        if failing.contains(name) {
            throw CommandError(commandLine: "docker \(name) fake_\(target.service)_1", code: .failed(.exited(1)), errorTail: ["\(name) refused"])
        }
    }

    /// Every `up` and `down`, in order.
    var calls: [Call] {
        recorded.withLock { $0 }
    }

    func up(_ options: UpOptions) async throws -> StackUpReport {
        recorded.withLock { $0.append(options.services.map { .recreate($0) } ?? .up) }
        if let failingUp { throw failingUp }
        return StackUpReport(elapsed: .zero, instances: [])
    }

    func down(removeVolumes: Bool) async throws {
        let count = recorded.withLock { calls in
            calls.append(.down)
            return calls.filter { $0 == .down }.count
        }
        if let failingDown, failingDown.call == count {
            throw failingDown.error
        }
    }

    func instances(of service: String?) async throws -> [ServiceInstance] {
        knownInstances.withLock { $0 }.filter { service == nil || $0.service == service }
    }

    /// Changes what `instances(of:)` answers from now on.
    func setInstances(_ instances: [ServiceInstance]) {
        knownInstances.withLock { $0 = instances }
    }

    func kill(_ target: ServiceTarget, signal: ContainerSignal) async throws { try record("kill", target, signal.rawValue) }
    func stop(_ target: ServiceTarget, timeout: Duration) async throws {
        try record("stop", target)
        try await Task.sleep(for: stopTakes)
    }
    func start(_ target: ServiceTarget) async throws { try record("start", target) }
    func pause(_ target: ServiceTarget) async throws { try record("pause", target) }
    func unpause(_ target: ServiceTarget) async throws { try record("unpause", target) }
    func restart(_ target: ServiceTarget, timeout: Duration) async throws { try record("restart", target) }
    func disconnect(_ target: ServiceTarget) async throws { try record("disconnect", target) }
    func connect(_ target: ServiceTarget) async throws { try record("connect", target) }

    func partition(_ target: ServiceTarget, from peers: [String]) async throws {
        try record("partition", target, peers.joined(separator: ","))
    }

    func dropPackets(_ target: ServiceTarget, probability: Double) async throws {
        try record("dropPackets", target, "\(probability)")
    }

    func limitBandwidth(_ target: ServiceTarget, kilobitsPerSecond: Int) async throws {
        try record("limitBandwidth", target, "\(kilobitsPerSecond)")
    }

    func restoreNetwork(_ target: ServiceTarget) async throws { try record("restoreNetwork", target) }

    func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine] {
        [LogLine(service: target.service, index: 1, timestamp: nil, stream: .stdout, text: "\(target.service) ran")]
    }

    func exec(_ target: ServiceTarget, _ command: [String], timeout: Duration) async throws -> CommandResult {
        let run = Command("docker", ["exec", target.service] + command)
        if command.contains("list_connections") {
            // As the broker writes them: IPv4 clients as IPv4-mapped IPv6 tuples.
            return .scripted(run, stdout: #"[{"peer_host":[0,0,0,0,0,65535,44051,4],"timeout":5},{"peer_host":[172,19,0,5],"timeout":60}]"#)
        }
        guard command.contains("list_queues") else { return .scripted(run) }
        let queue = #"[{"name":"\#(workQueue)","durable":true,"messages_ready":0,"messages_unacknowledged":0,"consumers":\#(consumers),"arguments":{}}]"#
        return .scripted(run, stdout: queue)
    }

    func readFile(_ path: String, from target: ServiceTarget) async throws -> [UInt8] { [] }

    func image(of service: String) async throws -> ServiceImage {
        throw StackError(project: projectName, code: .noInstance(target: ServiceTarget(service: service)))
    }
}

/// A check that concludes what it is told to, without touching the stack.
struct ScriptedCheck: ReliabilityCheck {
    var name: String
    var title: String { "Scripted \(name)" }
    var expectation: String { "Whatever the test says." }
    var mutants: [FixtureKnob] { [] }
    var outcome: @Sendable () async throws -> CheckOutcome

    init(_ name: String, outcome: @escaping @Sendable () async throws -> CheckOutcome = { .pass("It held.") }) {
        self.name = name
        self.outcome = outcome
    }

    func run(in context: CheckContext) async throws -> CheckOutcome {
        try await outcome()
    }
}

extension StackRoles {
    /// Roles for ``FakeStackDriver``: a broker, one worker, no API.
    static var fake: StackRoles {
        StackRoles(broker: "rabbitmq", api: nil, workers: ["worker1"], workQueue: "work", workerEvidence: WorkerEvidence())
    }
}
