@testable import ChaosLab
import Foundation
import Synchronization

/// A ``StackDriver`` that starts nothing: `up` and `down` only record that they were called,
/// the broker's `rabbitmqctl` answers with one empty work queue that every worker consumes,
/// and the final `down` can be made to fail, so a ``LabSession`` runs end to end without Docker.
final class FakeStackDriver: StackDriver {
    /// What the stack was asked to do, in order: `up`, `down`.
    enum Call: Equatable { case up, down }

    let projectName: String
    let workQueue: String
    let consumers: Int
    /// Makes the n-th `down` (counting from 1) throw this, when set.
    let failingDown: (call: Int, error: StackError)?
    private let recorded = Mutex<[Call]>([])

    init(projectName: String = "fake", workQueue: String = "work", consumers: Int = 1, failingDown: (call: Int, error: StackError)? = nil) {
        self.projectName = projectName
        self.workQueue = workQueue
        self.consumers = consumers
        self.failingDown = failingDown
    }

    /// Every `up` and `down`, in order.
    var calls: [Call] {
        recorded.withLock { $0 }
    }

    func up(_ options: UpOptions) async throws -> StackUpReport {
        recorded.withLock { $0.append(.up) }
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

    func instances(of service: String?) async throws -> [ServiceInstance] { [] }
    func kill(_ target: ServiceTarget, signal: ContainerSignal) async throws {}
    func stop(_ target: ServiceTarget, timeout: Duration) async throws {}
    func start(_ target: ServiceTarget) async throws {}
    func pause(_ target: ServiceTarget) async throws {}
    func unpause(_ target: ServiceTarget) async throws {}
    func restart(_ target: ServiceTarget, timeout: Duration) async throws {}
    func disconnect(_ target: ServiceTarget) async throws {}
    func connect(_ target: ServiceTarget) async throws {}

    func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine] {
        [LogLine(service: target.service, index: 1, timestamp: nil, stream: .stdout, text: "\(target.service) ran")]
    }

    func exec(_ target: ServiceTarget, _ command: [String], timeout: Duration) async throws -> CommandResult {
        let run = Command("docker", ["exec", target.service] + command)
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
