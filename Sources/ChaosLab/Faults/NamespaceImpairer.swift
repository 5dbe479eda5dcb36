import Foundation
import Logging

/// Network impairments from this host, inside each container's network namespace (`nsenter -t
/// <pid> -n`), with the host's iptables and tc: the containers need neither tool nor any
/// capability. Both drivers impair this way: a Swarm node's containers are processes of this
/// machine too.
struct NamespaceImpairer: Sendable {
    /// One instance and the host pid of its main process (0 when it does not run).
    struct Namespace: Sendable {
        var instance: ServiceInstance
        var pid: Int
    }

    let project: String
    let runner: any CommandRunning
    let commandTimeout: Duration
    let logger: Logger

    /// The target's namespaces, looked up once the arguments are known to be valid.
    typealias Lookup = () async throws -> [Namespace]

    func partition(_ target: ServiceTarget, from peers: [String], isolation: isolated (any Actor)? = #isolation, in found: Lookup) async throws {
        guard !peers.isEmpty else { throw error(target, .noPeers) }
        if let peer = peers.first(where: { !NetworkImpairmentCommands.isIPv4($0) }) {
            throw error(target, .invalidPeer(peer))
        }
        for namespace in try running(try await found(), target: target) {
            try await addRules(NetworkImpairmentCommands.partitionRules(from: peers), in: namespace)
            logger.info("partitioned", metadata: ["target": "\(namespace.instance.target)", "from": "\(peers)"])
        }
    }

    func dropPackets(_ target: ServiceTarget, probability: Double, isolation: isolated (any Actor)? = #isolation, in found: Lookup) async throws {
        guard probability.isFinite, probability > 0, probability <= 1 else {
            throw error(target, .invalidProbability(probability))
        }
        for namespace in try running(try await found(), target: target) {
            try await addRules([NetworkImpairmentCommands.lossRule(probability: probability)], in: namespace)
            logger.info("dropping packets", metadata: ["target": "\(namespace.instance.target)", "probability": "\(probability)"])
        }
    }

    func limitBandwidth(_ target: ServiceTarget, kilobitsPerSecond: Int, isolation: isolated (any Actor)? = #isolation, in found: Lookup) async throws {
        guard kilobitsPerSecond >= 1 else { throw error(target, .invalidRate(kilobitsPerSecond)) }
        for namespace in try running(try await found(), target: target) {
            let devices = try await ethernetInterfaces(in: namespace)
            guard !devices.isEmpty else {
                throw error(target, .noInterface(container: namespace.instance.containerName))
            }
            for device in devices {
                let current = try await inNamespace(namespace, NetworkImpairmentCommands.showRootQdisc(device)).stdout
                let replacing = NetworkImpairmentCommands.isLabQdisc(current)
                try await inNamespace(namespace, NetworkImpairmentCommands.limit(device, kilobitsPerSecond: kilobitsPerSecond, replacing: replacing))
            }
            logger.info("limited bandwidth", metadata: ["target": "\(namespace.instance.target)", "kbit/s": "\(kilobitsPerSecond)", "devices": "\(devices)"])
        }
    }

    /// Removes what the lab added. A container that does not run has no namespace left, and one
    /// started since has a new one: nothing of the lab's is in force on either.
    func restore(_ found: [Namespace]) async throws {
        for namespace in found where namespace.pid > 0 {
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

    /// `found`, every one of which must run (paused counts: its namespace is there).
    private func running(_ found: [Namespace], target: ServiceTarget) throws -> [Namespace] {
        if let idle = found.first(where: { $0.pid <= 0 || ![.running, .paused].contains($0.instance.state) }) {
            throw error(target, .notRunning(container: idle.instance.containerName, state: idle.instance.state))
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
        let command = Command("nsenter", ["-t", String(namespace.pid), "-n"] + arguments, timeout: commandTimeout)
        logger.debug("run", metadata: ["command": "\(command.commandLine)"])
        return try await runner.check(command)
    }

    private func error(_ target: ServiceTarget, _ code: NetworkImpairmentError.Code) -> NetworkImpairmentError {
        NetworkImpairmentError(project: project, target: target, code: code)
    }
}
