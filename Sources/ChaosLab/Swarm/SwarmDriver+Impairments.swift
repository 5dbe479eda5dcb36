import Foundation

/// Network impairments of a task, inside its container's network namespace
/// (``NamespaceImpairer``): a node's containers are processes of this machine, so the host's
/// iptables and tc reach them by pid as under Compose.
extension SwarmDriver: NetworkImpairing {
    public func partition(_ target: ServiceTarget, from peers: [String]) async throws {
        try await impairer.partition(target, from: peers) { try await self.namespaces(of: target) }
    }

    public func dropPackets(_ target: ServiceTarget, probability: Double) async throws {
        try await impairer.dropPackets(target, probability: probability) { try await self.namespaces(of: target) }
    }

    public func limitBandwidth(_ target: ServiceTarget, kilobitsPerSecond: Int) async throws {
        try await impairer.limitBandwidth(target, kilobitsPerSecond: kilobitsPerSecond) { try await self.namespaces(of: target) }
    }

    public func restoreNetwork(_ target: ServiceTarget) async throws {
        try await impairer.restore(try await namespaces(of: target))
    }

    private var impairer: NamespaceImpairer {
        NamespaceImpairer(project: projectName, runner: runner, commandTimeout: configuration.commandTimeout, logger: logger)
    }

    /// The target's tasks with the pids of their containers on this machine; at least one.
    private func namespaces(of target: ServiceTarget) async throws -> [NamespaceImpairer.Namespace] {
        var found: [NamespaceImpairer.Namespace] = []
        for instance in try await resolve(target) {
            let inspection = try await inspect(ids: [instance.containerID], on: try node(of: instance)).first
            found.append(NamespaceImpairer.Namespace(instance: instance, pid: inspection?.state.pid ?? 0))
        }
        return found
    }
}
