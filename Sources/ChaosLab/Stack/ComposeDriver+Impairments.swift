import Foundation

/// Network impairments from the host, inside each container's network namespace (`nsenter -t
/// <pid> -n`, the pid from `docker inspect`), with the host's iptables and tc: the containers
/// need neither tool nor any capability.
extension ComposeDriver: NetworkImpairing {
    public func partition(_ target: ServiceTarget, from peers: [String]) async throws {
        guard !peers.isEmpty else { throw impairmentError(target, .noPeers) }
        if let peer = peers.first(where: { !NetworkImpairmentCommands.isIPv4($0) }) {
            throw impairmentError(target, .invalidPeer(peer))
        }
        for namespace in try await runningNamespaces(of: target) {
            try await addRules(NetworkImpairmentCommands.partitionRules(from: peers), in: namespace)
            logger.info("partitioned", metadata: ["target": "\(namespace.instance.target)", "from": "\(peers)"])
        }
    }

    public func dropPackets(_ target: ServiceTarget, probability: Double) async throws {
        guard probability.isFinite, probability > 0, probability <= 1 else {
            throw impairmentError(target, .invalidProbability(probability))
        }
        for namespace in try await runningNamespaces(of: target) {
            try await addRules([NetworkImpairmentCommands.lossRule(probability: probability)], in: namespace)
            logger.info("dropping packets", metadata: ["target": "\(namespace.instance.target)", "probability": "\(probability)"])
        }
    }

    public func limitBandwidth(_ target: ServiceTarget, kilobitsPerSecond: Int) async throws {
        guard kilobitsPerSecond >= 1 else { throw impairmentError(target, .invalidRate(kilobitsPerSecond)) }
        for namespace in try await runningNamespaces(of: target) {
            let devices = try await ethernetInterfaces(in: namespace)
            guard !devices.isEmpty else {
                throw impairmentError(target, .noInterface(container: namespace.instance.containerName))
            }
            for device in devices {
                let current = try await inNamespace(namespace, NetworkImpairmentCommands.showRootQdisc(device)).stdout
                let replacing = NetworkImpairmentCommands.isLabQdisc(current)
                try await inNamespace(namespace, NetworkImpairmentCommands.limit(device, kilobitsPerSecond: kilobitsPerSecond, replacing: replacing))
            }
            logger.info("limited bandwidth", metadata: ["target": "\(namespace.instance.target)", "kbit/s": "\(kilobitsPerSecond)", "devices": "\(devices)"])
        }
    }

    public func restoreNetwork(_ target: ServiceTarget) async throws {
        // A container that does not run has no namespace left, and one started since has a new
        // one: nothing of the lab's is in force on either.
        for namespace in try await namespaces(of: target) where namespace.pid > 0 {
            let listing = try await inNamespace(namespace, NetworkImpairmentCommands.listRules).stdout
            for command in NetworkImpairmentCommands.removal(given: listing) {
                try await inNamespace(namespace, command)
            }
            for device in try await ethernetInterfaces(in: namespace) {
                let current = try await inNamespace(namespace, NetworkImpairmentCommands.showRootQdisc(device)).stdout
                if NetworkImpairmentCommands.isLabQdisc(current) {
                    try await inNamespace(namespace, NetworkImpairmentCommands.unlimit(device))
                }
            }
            logger.info("restored network", metadata: ["target": "\(namespace.instance.target)"])
        }
    }

    // MARK: - Namespaces

    /// One instance and the host pid of its main process (0 when it does not run).
    struct Namespace {
        var instance: ServiceInstance
        var pid: Int
    }

    /// The target's instances with their pids; at least one.
    func namespaces(of target: ServiceTarget) async throws -> [Namespace] {
        let found = try await inspect(service: target.service, index: target.index).compactMap { inspection -> Namespace? in
            guard let instance = inspection.instance, instance.service == target.service else { return nil }
            return Namespace(instance: instance, pid: inspection.state.pid ?? 0)
        }
        guard !found.isEmpty else {
            throw StackError(project: projectName, code: .noInstance(target: target))
        }
        return found.sorted { $0.instance.index < $1.instance.index }
    }

    /// The target's instances, every one of which must run (paused counts: its namespace is
    /// there).
    private func runningNamespaces(of target: ServiceTarget) async throws -> [Namespace] {
        let found = try await namespaces(of: target)
        if let idle = found.first(where: { $0.pid <= 0 || ![.running, .paused].contains($0.instance.state) }) {
            throw impairmentError(target, .notRunning(container: idle.instance.containerName, state: idle.instance.state))
        }
        return found
    }

    /// Appends `rules` to the lab's chain, creating the chain and the jumps into it if missing;
    /// the jumps come last, so a fresh impairment starts whole.
    private func addRules(_ rules: [[String]], in namespace: Namespace) async throws {
        let listing = try await inNamespace(namespace, NetworkImpairmentCommands.listRules).stdout
        let missing = NetworkImpairmentCommands.setUp(given: listing)
        if missing.createChain {
            try await inNamespace(namespace, NetworkImpairmentCommands.createChain)
        }
        for rule in rules {
            try await inNamespace(namespace, rule)
        }
        for jump in missing.jumps {
            try await inNamespace(namespace, NetworkImpairmentCommands.insert(jump))
        }
    }

    private func ethernetInterfaces(in namespace: Namespace) async throws -> [String] {
        NetworkImpairmentCommands.ethernetInterfaces(in: try await inNamespace(namespace, NetworkImpairmentCommands.listLinks).stdout)
    }

    /// Runs a host program inside the namespace and requires success.
    @discardableResult
    private func inNamespace(_ namespace: Namespace, _ arguments: [String]) async throws -> CommandResult {
        try await check(Command("nsenter", ["-t", String(namespace.pid), "-n"] + arguments, timeout: configuration.commandTimeout))
    }

    private func impairmentError(_ target: ServiceTarget, _ code: NetworkImpairmentError.Code) -> NetworkImpairmentError {
        NetworkImpairmentError(project: projectName, target: target, code: code)
    }
}
