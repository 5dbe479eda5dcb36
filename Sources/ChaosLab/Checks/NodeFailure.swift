/// How a Swarm node fails in ``NodeLossCheck``.
public enum NodeFailure: String, Sendable, Codable, Hashable, CaseIterable {
    /// The machine is gone: its link, then every process on it (``Fault/Action/loseNode(_:)``);
    /// revived afterwards.
    case loss
    /// The machine keeps running, cut off the other nodes (``Fault/Action/partitionNode(_:)``);
    /// its worker goes on with the task it can no longer acknowledge. Healed afterwards.
    case partition

    /// The check's name.
    var checkName: String {
        switch self {
        case .loss: "node-loss"
        case .partition: "node-partition"
        }
    }

    /// The noun for figures and sentences: "loss", "partition".
    var noun: String { rawValue }

    /// What happened to the node, after "the node was".
    var pastTense: String {
        switch self {
        case .loss: "lost"
        case .partition: "partitioned from the other nodes"
        }
    }

    /// The fault that does it to `node`, running `target`.
    func fault(_ node: String, running target: ServiceTarget) -> Fault {
        switch self {
        case .loss: .loseNode(node, running: target)
        case .partition: .partitionNode(node, running: target)
        }
    }
}
