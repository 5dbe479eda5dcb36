import Foundation

extension SwarmDriver {
    /// Removes the stack (`docker stack rm`), waits until no task container of it is left on
    /// any node, removes its volumes on every node if asked, and verifies that nothing remains.
    public func down(removeVolumes: Bool) async throws {
        try configuration.validate()
        await gateway?.close()
        gateway = nil
        defer { scaledDown = [:] }
        guard let nodes = try? await refreshNodes() else {
            // No Swarm on this machine: nothing of the stack can exist.
            await stopFollowingLogs()
            return
        }
        let manager = nodes[0]
        let removal = try await dockerResult(manager, ["stack", "rm", projectName], timeout: configuration.downTimeout)
        if !removal.succeeded, !removal.stderr.contains("Nothing found in stack") {
            logger.warning("stack rm failed", metadata: ["error": "\(removal.stderr)"])
        }
        let gone = try? await Wait.until("the tasks of stack \(projectName) to be removed", deadline: configuration.downTimeout, every: .milliseconds(500)) { () async throws -> Bool? in
            try await leftovers(includingVolumes: false).isEmpty ? true : nil
        }
        if gone == nil {
            logger.warning("tasks still there after stack rm", metadata: ["stack": "\(projectName)"])
        }
        await stopFollowingLogs()
        if removeVolumes {
            for node in nodes where node.isUp {
                let volumes = try await docker(node, ["volume", "ls", "-q", "--filter", "label=\(SwarmLabel.stack)=\(projectName)"]).outputLines
                if !volumes.isEmpty {
                    try await docker(node, ["volume", "rm", "-f"] + volumes)
                }
            }
        }
        try? FileManager.default.removeItem(atPath: stackFilePath)
        nodeOfContainer.removeAll()
        let left = try await leftovers(includingVolumes: removeVolumes)
        guard left.isEmpty else {
            throw StackError(project: projectName, code: .leftovers(containers: left.containers, networks: left.networks, volumes: left.volumes))
        }
    }

    /// The stack's containers, networks and (if asked) volumes on every node that is up,
    /// each as `node/name`.
    func leftovers(includingVolumes: Bool) async throws -> SwarmLeftovers {
        var left = SwarmLeftovers()
        let filter = ["--filter", "label=\(SwarmLabel.stack)=\(projectName)"]
        for node in nodes where node.isUp {
            left.containers += try await docker(node, ["ps", "-a", "--format", "{{.Names}}"] + filter).outputLines.map { "\(node.name)/\($0)" }
            left.networks += try await docker(node, ["network", "ls", "--format", "{{.Name}}"] + filter).outputLines.map { "\(node.name)/\($0)" }
            if includingVolumes {
                left.volumes += try await docker(node, ["volume", "ls", "--format", "{{.Name}}"] + filter).outputLines.map { "\(node.name)/\($0)" }
            }
        }
        return left
    }
}

/// What of a stack is still on the nodes.
struct SwarmLeftovers: Sendable {
    var containers: [String] = []
    var networks: [String] = []
    var volumes: [String] = []

    var isEmpty: Bool {
        containers.isEmpty && networks.isEmpty && volumes.isEmpty
    }
}
