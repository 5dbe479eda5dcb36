/// A stack spread over machines whose machines can fail: ``SwarmDriver`` on the nodes
/// `make swarm-up` made. The node-loss check needs one; on Compose (one host) it does not apply.
public protocol NodeFailing: Sendable {
    /// The node the manager runs on (losing it loses the swarm's control, not a worker).
    func managerNode() async throws -> String
    /// What the manager says of each node, by name.
    func nodeStates() async throws -> [String: NodeState]
    /// Fails `node` as a machine fails: its link goes, then every process on it at once.
    func loseNode(_ node: String) async throws
    /// Brings `node` back; it rejoins the swarm.
    func reviveNode(_ node: String) async throws
    /// Drops every packet between `node` and the other nodes; its processes keep running.
    func partitionNode(_ node: String) async throws
    /// Removes `node`'s partition; it rejoins the swarm.
    func healNode(_ node: String) async throws
}

/// A node's state as Swarm's manager reports it.
public enum NodeState: String, Sendable, Codable, Hashable {
    case ready
    case down
    case unknown
    case disconnected
}
