@testable import ChaosLab
import Foundation

/// A ``FakeStackDriver`` whose nodes can fail: node operations are recorded with the node as
/// their target (`loseNode clnode2`), everything else goes to the fake stack.
final class FakeSwarm: StackDriver, NodeFailing {
    let stack = FakeStackDriver()

    var operations: [FakeStackDriver.Operation] { stack.operations }
    var projectName: String { stack.projectName }

    func managerNode() async throws -> String { "clnode1" }
    func nodeStates() async throws -> [String: NodeState] { ["clnode1": .ready, "clnode2": .ready] }
    func loseNode(_ node: String) async throws { try stack.record("loseNode", ServiceTarget(service: node)) }
    func reviveNode(_ node: String) async throws { try stack.record("reviveNode", ServiceTarget(service: node)) }
    func partitionNode(_ node: String) async throws { try stack.record("partitionNode", ServiceTarget(service: node)) }
    func healNode(_ node: String) async throws { try stack.record("healNode", ServiceTarget(service: node)) }

    func up(_ options: UpOptions) async throws -> StackUpReport { try await stack.up(options) }
    func down(removeVolumes: Bool) async throws { try await stack.down(removeVolumes: removeVolumes) }
    func instances(of service: String?) async throws -> [ServiceInstance] { try await stack.instances(of: service) }
    func kill(_ target: ServiceTarget, signal: ContainerSignal) async throws { try await stack.kill(target, signal: signal) }
    func stop(_ target: ServiceTarget, timeout: Duration) async throws { try await stack.stop(target, timeout: timeout) }
    func start(_ target: ServiceTarget) async throws { try await stack.start(target) }
    func pause(_ target: ServiceTarget) async throws { try await stack.pause(target) }
    func unpause(_ target: ServiceTarget) async throws { try await stack.unpause(target) }
    func restart(_ target: ServiceTarget, timeout: Duration) async throws { try await stack.restart(target, timeout: timeout) }
    func disconnect(_ target: ServiceTarget) async throws { try await stack.disconnect(target) }
    func connect(_ target: ServiceTarget) async throws { try await stack.connect(target) }
    func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine] { try await stack.logs(target, since: since) }
    func exec(_ target: ServiceTarget, _ command: [String], timeout: Duration) async throws -> CommandResult {
        try await stack.exec(target, command, timeout: timeout)
    }
    func readFile(_ path: String, from target: ServiceTarget) async throws -> [UInt8] { try await stack.readFile(path, from: target) }
    func image(of service: String) async throws -> ServiceImage { try await stack.image(of: service) }
}
