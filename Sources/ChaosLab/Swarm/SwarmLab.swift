/// The Swarm nodes of this machine, as `scripts/swarm.sh` (`make swarm-up`) makes them: lists
/// them, and fails and revives one the way a machine fails (every process of the node killed at
/// once) and comes back (its daemon started again; it rejoins the swarm).
///
/// The script is the one place that knows how a node is built; the lab asks it.
public struct SwarmLab: Sendable {
    /// The script's path (`scripts/swarm.sh` of this repository by default).
    public var script: String
    let runner: any CommandRunning
    let timeout: Duration

    public init(script: String = "scripts/swarm.sh", runner: any CommandRunning = CommandRunner(), timeout: Duration = .seconds(90)) {
        self.script = script
        self.runner = runner
        self.timeout = timeout
    }

    /// The nodes, the manager first.
    /// - Throws: ``StackError`` when there are none (the lab is not up) or the script fails.
    public func nodes(project: String) async throws -> [SwarmNode] {
        let result = try await run(["nodes"], project: project)
        let nodes = try SwarmNode.parse(result.stdout, project: project)
        guard !nodes.isEmpty else {
            throw StackError(project: project, code: .invalidConfiguration(problem: "There are no Swarm nodes on this machine: run `make swarm-up` (or `\(script) up 3`) first"))
        }
        return nodes
    }

    /// Kills every process of `node` at once: daemon, containerd, shims and containers.
    public func lose(_ node: SwarmNode, project: String) async throws {
        try await run(["lose", Self.index(of: node)], project: project)
    }

    /// Starts `node`'s daemon again and waits until it answers.
    public func revive(_ node: SwarmNode, project: String) async throws {
        try await run(["revive", Self.index(of: node)], project: project)
    }

    /// Drops every packet between `node` and the other nodes (iptables in its namespace).
    public func partition(_ node: SwarmNode, project: String) async throws {
        try await run(["partition", Self.index(of: node)], project: project)
    }

    /// Removes `node`'s partition.
    public func heal(_ node: SwarmNode, project: String) async throws {
        try await run(["heal", Self.index(of: node)], project: project)
    }

    /// Creates `count` nodes (removing any there are) with the images loaded.
    public func up(nodes count: Int, project: String) async throws {
        try await run(["up", String(count)], project: project, timeout: .seconds(600))
    }

    /// Removes every node.
    public func down(project: String) async throws {
        try await run(["down"], project: project)
    }

    /// The node's number, as the script names it (`clnode2` is 2).
    static func index(of node: SwarmNode) -> String {
        index(ofNodeNamed: node.name)
    }

    /// The number of the node named `name`, as the script takes it.
    static func index(ofNodeNamed name: String) -> String {
        String(name.drop { !$0.isNumber })
    }

    @discardableResult
    private func run(_ arguments: [String], project: String, timeout: Duration? = nil) async throws -> CommandResult {
        do {
            return try await runner.check(Command(script, arguments, timeout: timeout ?? self.timeout))
        } catch let error as CommandError {
            throw StackError(project: project, code: .invalidConfiguration(problem: "`\(script) \(arguments.joined(separator: " "))` failed: \(error.description)"))
        }
    }
}
