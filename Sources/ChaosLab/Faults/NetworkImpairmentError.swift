/// A network impairment that cannot be imposed: the driver cannot do it, an argument is out of
/// range, or the container has no network to impair. Messages are one sentence naming the
/// project and the target.
public struct NetworkImpairmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Code: Sendable, Hashable {
        /// The stack's driver does not conform to ``NetworkImpairing``.
        case unsupported
        /// A partition with no peer to cut the target off from.
        case noPeers
        /// A peer that is not an IPv4 address.
        case invalidPeer(String)
        /// A loss probability outside (0, 1].
        case invalidProbability(Double)
        /// A rate below 1 kbit/s.
        case invalidRate(Int)
        /// The container does not run, so it has no network namespace to impair.
        case notRunning(container: String, state: InstanceState)
        /// The container has no `eth` interface to limit.
        case noInterface(container: String)
    }

    /// The stack (compose project) concerned.
    public var project: String
    /// The service or instance the impairment was for.
    public var target: ServiceTarget
    /// What is wrong.
    public var code: Code

    public init(project: String, target: ServiceTarget, code: Code) {
        self.project = project
        self.target = target
        self.code = code
    }

    public var description: String {
        switch code {
        case .unsupported:
            "The driver of project `\(project)` cannot impair the network of `\(target)` (partition, packet loss, bandwidth): that needs a driver that enters its containers' network namespaces on this host."
        case .noPeers:
            "Cannot partition `\(target)` of project `\(project)`: no peer address was given to cut it off from."
        case .invalidPeer(let peer):
            "Cannot partition `\(target)` of project `\(project)` from \"\(peer)\": a peer is an IPv4 address such as 172.18.0.2, optionally with a /prefix."
        case .invalidProbability(let probability):
            "Cannot drop \(probability) of the packets of `\(target)` of project `\(project)`: the probability must be above 0 and at most 1."
        case .invalidRate(let rate):
            "Cannot limit `\(target)` of project `\(project)` to \(rate) kbit/s: the rate must be at least 1 kbit/s."
        case .notRunning(let container, let state):
            "Cannot impair the network of \(container) (`\(target)` of project `\(project)`): it is \(state.rawValue), and a container's network exists only while it runs."
        case .noInterface(let container):
            "Cannot limit the bandwidth of \(container) (`\(target)` of project `\(project)`): it has no eth interface."
        }
    }
}
