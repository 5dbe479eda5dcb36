import Foundation

/// Network impairments inside each container's network namespace (``NamespaceImpairer``), the
/// pid from `docker inspect`.
extension ComposeDriver: NetworkImpairing {
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

    /// The target's instances with their pids; at least one.
    private func namespaces(of target: ServiceTarget) async throws -> [NamespaceImpairer.Namespace] {
        let found = try await inspect(service: target.service, index: target.index).compactMap { inspection -> NamespaceImpairer.Namespace? in
            guard let instance = inspection.instance, instance.service == target.service else { return nil }
            return NamespaceImpairer.Namespace(instance: instance, pid: inspection.state.pid ?? 0)
        }
        guard !found.isEmpty else {
            throw StackError(project: projectName, code: .noInstance(target: target))
        }
        return found.sorted { $0.instance.index < $1.instance.index }
    }
}
