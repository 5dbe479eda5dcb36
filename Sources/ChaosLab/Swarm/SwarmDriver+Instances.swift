import Foundation

extension SwarmDriver {
    /// The stack's tasks on every node that is up: one instance per service slot, its newest
    /// container (a task Swarm replaced leaves its exited container behind for a while).
    /// The nodes are those listed last: `up`, `down` and every node fault list them again, and
    /// a node that stopped answering since is skipped.
    public func instances(of service: String?) async throws -> [ServiceInstance] {
        Self.newestPerSlot(try await taskContainers(of: service))
    }

    /// Every container of the stack's tasks (of `service` only, when given) on every node that
    /// is up, the exited ones of tasks Swarm replaced too, each with its creation time.
    func taskContainers(of service: String?) async throws -> [(instance: ServiceInstance, created: String)] {
        if nodes.isEmpty { try await refreshNodes() }
        var found: [(instance: ServiceInstance, created: String)] = []
        for node in nodes where node.isUp {
            var filters = ["--filter", "label=\(SwarmLabel.stack)=\(projectName)"]
            if let service { filters += ["--filter", "label=\(SwarmLabel.service)=\(swarmName(of: service))"] }
            // A node that died since it was listed answers nothing: its tasks are gone with it.
            guard let listing = try? await docker(node, ["ps", "-a", "-q", "--no-trunc"] + filters) else { continue }
            let ids = listing.outputLines
            guard !ids.isEmpty else { continue }
            for inspection in try await inspect(ids: ids, on: node) {
                guard let slot = taskSlot(inspection) else { continue }
                nodeOfContainer[inspection.id] = node
                var instance = inspection.instance(service: slot.service, index: slot.index, node: node.name)
                // Swarm, not Docker, restarts a task (as a new container): an exited one waits.
                instance.restartPolicy = "swarm"
                found.append((instance, inspection.created ?? ""))
            }
        }
        return found
    }

    /// The service and slot of a task container of this stack, from its labels
    /// (`chaoslab_worker1` and `chaoslab_worker1.2.<task id>`).
    nonisolated func taskSlot(_ inspection: ContainerInspection) -> (service: String, index: Int)? {
        let labels = inspection.labels
        guard labels[SwarmLabel.stack] == projectName,
              let qualified = labels[SwarmLabel.service], qualified.hasPrefix(projectName + "_"),
              let task = labels[SwarmLabel.taskName] else { return nil }
        let service = String(qualified.dropFirst(projectName.count + 1))
        let parts = task.dropFirst(qualified.count + 1).split(separator: ".")
        // A global service's task is named by node id, not slot: one per node, counted as 1.
        return (service, parts.first.flatMap { Int($0) } ?? 1)
    }

    /// Per service and slot, the running container if there is one, else the newest.
    static func newestPerSlot(_ found: [(instance: ServiceInstance, created: String)]) -> [ServiceInstance] {
        var chosen: [String: (instance: ServiceInstance, created: String)] = [:]
        for candidate in found {
            let key = "\(candidate.instance.service)#\(candidate.instance.index)"
            guard let current = chosen[key] else { chosen[key] = candidate; continue }
            let candidateRuns = candidate.instance.state == .running
            let currentRuns = current.instance.state == .running
            if candidateRuns != currentRuns ? candidateRuns : candidate.created > current.created {
                chosen[key] = candidate
            }
        }
        return chosen.values.map(\.instance).sorted { ($0.service, $0.index) < ($1.service, $1.index) }
    }

    /// The target's instances; at least one.
    func resolve(_ target: ServiceTarget) async throws -> [ServiceInstance] {
        let found = try await instances(of: target.service).filter { target.index == nil || $0.index == target.index }
        guard !found.isEmpty else {
            throw StackError(project: projectName, code: .noInstance(target: target))
        }
        return found
    }

    /// The node that runs `instance`.
    func node(of instance: ServiceInstance) throws -> SwarmNode {
        guard let node = nodeOfContainer[instance.containerID] else {
            throw StackError(project: projectName, code: .noInstance(target: instance.target))
        }
        return node
    }

    /// `docker inspect` of containers on one node.
    func inspect(ids: [String], on node: SwarmNode) async throws -> [ContainerInspection] {
        let result = try await dockerResult(node, ["inspect"] + ids)
        return try ContainerInspection.decode(result, project: projectName)
    }

    /// The address of the node running `service`'s first running task, for the port gateway.
    func nodeAddress(running service: String) async -> String? {
        guard let instances = try? await instances(of: service),
              let running = instances.first(where: { $0.state == .running }),
              let node = nodeOfContainer[running.containerID] else { return nil }
        return node.address
    }
}
