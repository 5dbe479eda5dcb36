import Foundation
public import Logging

/// Drives a stack on Docker Swarm: the compose file deployed with `docker stack deploy` on the
/// nodes `make swarm-up` made on this machine (``SwarmLab``), behind the same protocol as
/// ``ComposeDriver``, so every check runs unchanged.
///
/// An instance is a task: instance `n` of a service is its slot `n`, whichever node runs it.
/// Faults go to the task's container on its node. The ports the file publishes are reachable
/// on `127.0.0.1` as under Compose, through a gateway that follows each service's task to the
/// node it runs on. What Swarm does differently (docs/swarm.md): a killed task is replaced by
/// Swarm itself, a stopped service is one scaled to zero, and services start in no order.
public actor SwarmDriver: StackDriver {
    /// Project name (the stack's name), compose file, deadlines.
    public nonisolated let configuration: ComposeConfiguration
    let lab: SwarmLab
    let runner: any CommandRunning
    let logger: Logger
    let logOptions: LogOptions
    /// Variables for interpolating the file: the configuration's, plus those of the latest `up`.
    var composeEnvironment: [String: String]
    /// The nodes as last listed, the manager first.
    var nodes: [SwarmNode] = []
    /// The node each container seen so far runs on, by container id.
    var nodeOfContainer: [String: SwarmNode] = [:]
    /// Services the lab scaled to zero to stop them, with the replicas to give back.
    var scaledDown: [String: Int] = [:]
    /// The replicas each service runs, from the deployed file.
    var declaredReplicas: [String: Int] = [:]
    var followers: [String: ContainerLogFollower] = [:]
    var gateway: SwarmPortGateway?

    /// Creates a driver; nothing runs until the first operation.
    public init(
        configuration: ComposeConfiguration = .fromEnvironment(),
        lab: SwarmLab = SwarmLab(),
        runner: any CommandRunning = CommandRunner(),
        logger: Logger = Logger(label: "chaoslab.swarm"),
        logOptions: LogOptions = LogOptions()
    ) {
        self.configuration = configuration
        self.lab = lab
        self.runner = runner
        self.logger = logger
        var logOptions = logOptions
        logOptions.containersRunOnce = true
        self.logOptions = logOptions
        self.composeEnvironment = configuration.environment
    }

    deinit {
        for follower in followers.values {
            follower.cancel()
        }
    }

    public nonisolated var projectName: String {
        configuration.projectName
    }

    /// Swarm starts every service at once; `depends_on` is not honoured.
    public nonisolated var startsInDependencyOrder: Bool {
        false
    }

    /// The compose file, interpolated with this process's environment and the driver's additions.
    public func loadComposeFile() throws(ComposeFileError) -> ComposeFile {
        let environment = ProcessInfo.processInfo.environment.merging(composeEnvironment) { _, added in added }
        return try ComposeFile.load(path: configuration.composeFile, environment: environment)
    }

    /// The nodes now, the manager first.
    @discardableResult
    func refreshNodes() async throws -> [SwarmNode] {
        nodes = try await lab.nodes(project: projectName)
        return nodes
    }

    /// The manager, listed once.
    func manager() async throws -> SwarmNode {
        if nodes.isEmpty { try await refreshNodes() }
        return nodes[0]
    }

    /// The stack's name for one of its services (`chaoslab_worker1`).
    nonisolated func swarmName(of service: String) -> String {
        "\(projectName)_\(service)"
    }

    // MARK: - Running commands

    /// Runs `docker` against `node`'s daemon and requires success.
    @discardableResult
    func docker(_ node: SwarmNode, _ arguments: [String], timeout: Duration? = nil, outputLimit: Int = 16 << 20) async throws -> CommandResult {
        let command = Command("docker", ["-H", node.socket] + arguments, timeout: timeout ?? configuration.commandTimeout, outputLimit: outputLimit)
        logger.debug("run", metadata: ["command": "\(command.commandLine)"])
        return try await runner.check(command)
    }

    /// Runs `docker` against `node`'s daemon and returns whatever happened.
    func dockerResult(_ node: SwarmNode, _ arguments: [String], timeout: Duration? = nil) async throws -> CommandResult {
        let command = Command("docker", ["-H", node.socket] + arguments, timeout: timeout ?? configuration.commandTimeout)
        logger.debug("run", metadata: ["command": "\(command.commandLine)"])
        return try await runner.run(command)
    }

    /// Runs a command on this machine and requires success.
    @discardableResult
    func check(_ command: Command) async throws -> CommandResult {
        logger.debug("run", metadata: ["command": "\(command.commandLine)"])
        return try await runner.check(command)
    }
}
