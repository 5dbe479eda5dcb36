import Foundation

extension SwarmDriver {
    public func kill(_ target: ServiceTarget, signal: ContainerSignal) async throws {
        for instance in try await resolve(target) {
            try await docker(try node(of: instance), ["kill", "-s", signal.rawValue, instance.containerID])
        }
    }

    /// A whole service, or a service of one replica, is scaled to zero: Swarm would replace a
    /// stopped task by itself. One replica of several is stopped as a container, and Swarm
    /// replaces it after its restart delay (docs/swarm.md).
    public func stop(_ target: ServiceTarget, timeout: Duration) async throws {
        let replicas = declaredReplicas[target.service] ?? 1
        if target.index == nil || replicas == 1 {
            _ = try await resolve(target)
            try await docker(try await manager(), ["service", "scale", "--detach=false", "\(swarmName(of: target.service))=0"], timeout: configuration.commandTimeout + timeout)
            scaledDown[target.service] = replicas
            return
        }
        for instance in try await resolve(target) {
            try await docker(try node(of: instance), ["stop", "-t", ComposeDriver.wholeSeconds(timeout), instance.containerID], timeout: configuration.commandTimeout + timeout)
        }
    }

    /// Gives a service the lab scaled to zero its replicas back; otherwise waits until Swarm
    /// runs the target's task again (it replaces a killed one itself).
    public func start(_ target: ServiceTarget) async throws {
        if let replicas = scaledDown.removeValue(forKey: target.service) {
            try await docker(try await manager(), ["service", "scale", "--detach=true", "\(swarmName(of: target.service))=\(replicas)"])
        }
        let expected = target.index == nil ? declaredReplicas[target.service] ?? 1 : 1
        try await Wait.until("Swarm to run \(target) again", deadline: configuration.commandTimeout, every: .milliseconds(250)) {
            let running = try await instances(of: target.service)
                .filter { (target.index == nil || $0.index == target.index) && $0.state == .running }
            return running.count >= expected ? true : nil
        }
    }

    public func pause(_ target: ServiceTarget) async throws {
        for instance in try await resolve(target) {
            try await docker(try node(of: instance), ["pause", instance.containerID])
        }
    }

    public func unpause(_ target: ServiceTarget) async throws {
        for instance in try await resolve(target) {
            try await docker(try node(of: instance), ["unpause", instance.containerID])
        }
    }

    public func restart(_ target: ServiceTarget, timeout: Duration) async throws {
        try await stop(target, timeout: timeout)
        try await start(target)
    }

    /// Not on Swarm: a task cannot leave a Swarm-scoped network and come back.
    public func disconnect(_ target: ServiceTarget) async throws {
        throw unsupported("cutting \(target) off its networks")
    }

    /// Not on Swarm; see ``disconnect(_:)``.
    public func connect(_ target: ServiceTarget) async throws {
        throw unsupported("reconnecting \(target)")
    }

    private func unsupported(_ what: String) -> StackError {
        StackError(project: projectName, code: .invalidConfiguration(problem: "The Swarm driver does not support \(what): Swarm-scoped networks are not attachable by hand"))
    }

    // MARK: - Nodes

    /// Fails `node` as a machine fails: its link down, then every process of it killed at once.
    func lose(_ node: SwarmNode) async throws {
        try await lab.lose(node, project: projectName)
        try await refreshNodes()
    }

    /// Starts `node`'s daemon again; it rejoins the swarm.
    func revive(_ node: SwarmNode) async throws {
        try await lab.revive(node, project: projectName)
        try await refreshNodes()
    }

    /// The nodes now, the manager first.
    public func currentNodes() async throws -> [SwarmNode] {
        try await refreshNodes()
    }

    /// What the manager says of each node (`ready`, `down`), by node name.
    func nodeStatus() async throws -> [String: String] {
        let manager = try await manager()
        let listing = try await docker(manager, ["node", "ls", "--format", "{{.ID}}"]).outputLines
        guard !listing.isEmpty else { return [:] }
        let result = try await docker(manager, ["node", "inspect", "--format", "{{index .Spec.Labels \"chaoslab.node\"}} {{.Status.State}}"] + listing)
        var status: [String: String] = [:]
        for line in result.outputLines {
            let fields = line.split(separator: " ")
            if fields.count == 2 { status[String(fields[0])] = String(fields[1]) }
        }
        return status
    }
}

extension SwarmDriver: NodeFailing {
    public func managerNode() async throws -> String {
        try await manager().name
    }

    public func nodeStates() async throws -> [String: NodeState] {
        try await nodeStatus().mapValues { NodeState(rawValue: $0.lowercased()) ?? .unknown }
    }

    public func loseNode(_ name: String) async throws {
        try await lose(try await node(named: name))
    }

    /// Starts the node's daemon again and returns once the manager sees it ready.
    public func reviveNode(_ name: String) async throws {
        try await revive(try await node(named: name))
        try await waitUntilReady(name)
    }

    public func partitionNode(_ name: String) async throws {
        try await lab.partition(try await node(named: name), project: projectName)
    }

    /// Removes the node's partition and returns once the manager sees it ready.
    public func healNode(_ name: String) async throws {
        try await lab.heal(try await node(named: name), project: projectName)
        try await waitUntilReady(name)
    }

    private func waitUntilReady(_ name: String) async throws {
        try await Wait.until("\(name) to rejoin the swarm", deadline: .seconds(60), every: .milliseconds(500)) { () async throws -> Bool? in
            try await nodeStates()[name] == .ready ? true : nil
        }
    }

    private func node(named name: String) async throws -> SwarmNode {
        guard let node = try await refreshNodes().first(where: { $0.name == name }) else {
            throw StackError(project: projectName, code: .invalidConfiguration(problem: "There is no Swarm node named \(name)"))
        }
        return node
    }
}

extension SwarmDriver: ServiceUpdating {
    /// `docker service update --force --update-order ORDER`: every task replaced, one at a
    /// time, waited for until the update converges.
    public func rollingUpdate(_ service: String, order: UpdateOrder) async throws {
        _ = try await resolve(.service(service))
        try await docker(
            try await manager(),
            ["service", "update", "--force", "--update-order", order.rawValue, "--update-parallelism", "1", "--detach=false", "--quiet", swarmName(of: service)],
            timeout: configuration.commandTimeout + .seconds(120)
        )
    }
}
