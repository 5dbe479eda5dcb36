/// Impairs the network of a stack's services from inside their network namespaces: partitions,
/// packet loss, bandwidth limits, and their exact removal.
///
/// Kept apart from ``StackDriver`` because it needs what not every orchestrator gives (the
/// containers on this host, and root to enter their namespaces): a driver that can offers it
/// by conforming, and ``FaultInjector`` asks for it only when a fault needs it. Operations on
/// a ``ServiceTarget`` naming a whole service act on all its instances.
public protocol NetworkImpairing: Sendable {
    /// Drops every packet between the target and `peers` (IPv4 addresses), both ways.
    func partition(_ target: ServiceTarget, from peers: [String]) async throws
    /// Drops each packet the target sends or receives with `probability` (above 0, at most 1).
    func dropPackets(_ target: ServiceTarget, probability: Double) async throws
    /// Limits what the target sends on each of its interfaces to `kilobitsPerSecond`.
    func limitBandwidth(_ target: ServiceTarget, kilobitsPerSecond: Int) async throws
    /// Removes every impairment the lab put on the target, and nothing else; a target that does
    /// not run has none (its network namespace went with it).
    func restoreNetwork(_ target: ServiceTarget) async throws
}
