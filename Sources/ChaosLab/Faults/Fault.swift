/// A fault, as plain data: what is done to which service. A report prints it and a person can
/// replay it by hand with ``commandLine``.
public struct Fault: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What is done.
    public enum Action: Sendable, Codable, Hashable {
        /// Send a signal (`docker kill -s`); SIGKILL is the classic crash.
        case kill(signal: ContainerSignal)
        /// Stop gracefully (SIGTERM, then SIGKILL after `timeout`).
        case stop(timeout: Duration)
        /// Start a stopped or killed service.
        case start
        /// Freeze every process (cgroup freezer); connections stay open but go silent.
        case pause
        /// Thaw a paused service.
        case unpause
        /// Stop gracefully (SIGKILL after `timeout`) and start again.
        case restart(timeout: Duration)
        /// Cut the service off its networks.
        case disconnect
        /// Reattach a cut-off service.
        case connect
        /// Drop every packet between the service and the given IPv4 addresses, both ways
        /// (iptables in the service's network namespace). Its connections stay open but go
        /// silent, as across a failed switch: the peers notice only at their heartbeats.
        case partition(from: [String])
        /// Drop each packet the service sends or receives with this probability (above 0, at
        /// most 1; iptables' `statistic` match), loopback excepted.
        case dropPackets(probability: Double)
        /// Limit what the service sends on each of its `eth` interfaces to this rate (tc `tbf`).
        case limitBandwidth(kilobitsPerSecond: Int)
        /// Remove every partition, packet loss and bandwidth limit the lab put on the service,
        /// and nothing else.
        case restoreNetwork
        /// Fail the Swarm node that runs the service as a machine fails: its link goes, then
        /// every process on it at once (``NodeFailing``).
        case loseNode(String)
        /// Bring a lost Swarm node back; it rejoins the swarm.
        case reviveNode(String)
        /// Cut the Swarm node that runs the service off the other nodes while it keeps running:
        /// every packet between them dropped (``NodeFailing``).
        case partitionNode(String)
        /// Remove a node's partition; it rejoins the swarm.
        case healNode(String)
        /// Replace every task of the service one at a time, as a new version's deployment does
        /// (``ServiceUpdating``).
        case rollingUpdate(UpdateOrder)
    }

    /// What is done.
    public var action: Action
    /// To which service or instance.
    public var target: ServiceTarget

    public init(_ action: Action, _ target: ServiceTarget) {
        self.action = action
        self.target = target
    }

    public static func kill(_ target: ServiceTarget) -> Fault { Fault(.kill(signal: .kill), target) }
    public static func stop(_ target: ServiceTarget, timeout: Duration = .seconds(10)) -> Fault {
        Fault(.stop(timeout: timeout), target)
    }
    public static func start(_ target: ServiceTarget) -> Fault { Fault(.start, target) }
    public static func pause(_ target: ServiceTarget) -> Fault { Fault(.pause, target) }
    public static func unpause(_ target: ServiceTarget) -> Fault { Fault(.unpause, target) }
    public static func restart(_ target: ServiceTarget, timeout: Duration = .seconds(10)) -> Fault {
        Fault(.restart(timeout: timeout), target)
    }
    public static func disconnect(_ target: ServiceTarget) -> Fault { Fault(.disconnect, target) }
    public static func connect(_ target: ServiceTarget) -> Fault { Fault(.connect, target) }
    public static func partition(_ target: ServiceTarget, from peers: [String]) -> Fault {
        Fault(.partition(from: peers), target)
    }
    public static func dropPackets(_ target: ServiceTarget, probability: Double) -> Fault {
        Fault(.dropPackets(probability: probability), target)
    }
    public static func limitBandwidth(_ target: ServiceTarget, kilobitsPerSecond: Int) -> Fault {
        Fault(.limitBandwidth(kilobitsPerSecond: kilobitsPerSecond), target)
    }
    public static func restoreNetwork(_ target: ServiceTarget) -> Fault { Fault(.restoreNetwork, target) }
    public static func loseNode(_ node: String, running target: ServiceTarget) -> Fault { Fault(.loseNode(node), target) }
    public static func reviveNode(_ node: String, of target: ServiceTarget) -> Fault { Fault(.reviveNode(node), target) }
    public static func partitionNode(_ node: String, running target: ServiceTarget) -> Fault { Fault(.partitionNode(node), target) }
    public static func healNode(_ node: String, of target: ServiceTarget) -> Fault { Fault(.healNode(node), target) }
    public static func rollingUpdate(_ service: String, order: UpdateOrder) -> Fault { Fault(.rollingUpdate(order), .service(service)) }

    public var description: String {
        switch action {
        case .kill(let signal): "kill \(target) with \(signal)"
        case .stop(let timeout): "stop \(target) (kill after \(Int(timeout.seconds)) s)"
        case .start: "start \(target)"
        case .pause: "pause \(target)"
        case .unpause: "unpause \(target)"
        case .restart(let timeout): "restart \(target) (kill after \(Int(timeout.seconds)) s)"
        case .disconnect: "cut \(target) off its networks"
        case .connect: "reconnect \(target) to its networks"
        case .partition(let peers): "partition \(target) from \(peers.joined(separator: ", "))"
        case .dropPackets(let probability): "drop \(Self.percent(probability)) of \(target)'s packets"
        case .limitBandwidth(let rate): "limit \(target) to \(rate) kbit/s"
        case .restoreNetwork: "restore \(target)'s network"
        case .loseNode(let node): "lose \(node), the Swarm node running \(target)"
        case .reviveNode(let node): "revive \(node), the Swarm node that ran \(target)"
        case .partitionNode(let node): "partition \(node), the Swarm node running \(target), from the other nodes"
        case .healNode(let node): "heal the partition of \(node), the Swarm node that ran \(target)"
        case .rollingUpdate(let order): "update \(target) task by task, \(order.rawValue)"
        }
    }

    /// The command a person would type for this fault (on a compose stack): Docker's for what
    /// Docker does, `nsenter` into the container's network namespace for iptables and tc.
    public var commandLine: String {
        let container = "<\(target) container>"
        switch action {
        case .kill(let signal): return "docker kill -s \(signal.rawValue) \(container)"
        case .stop(let timeout): return "docker stop -t \(Int(timeout.seconds)) \(container)"
        case .start: return "docker start \(container)"
        case .pause: return "docker pause \(container)"
        case .unpause: return "docker unpause \(container)"
        case .restart(let timeout): return "docker restart -t \(Int(timeout.seconds)) \(container)"
        case .disconnect: return "docker network disconnect <network> \(container)"
        case .connect: return "docker network connect <network> \(container)"
        case .partition, .dropPackets, .limitBandwidth, .restoreNetwork:
            return NetworkImpairmentCommands.shellLine(for: action, container: container)
        case .loseNode(let node): return "scripts/swarm.sh lose \(SwarmLab.index(ofNodeNamed: node))"
        case .reviveNode(let node): return "scripts/swarm.sh revive \(SwarmLab.index(ofNodeNamed: node))"
        case .partitionNode(let node): return "scripts/swarm.sh partition \(SwarmLab.index(ofNodeNamed: node))"
        case .healNode(let node): return "scripts/swarm.sh heal \(SwarmLab.index(ofNodeNamed: node))"
        case .rollingUpdate(let order): return "docker service update --force --update-order \(order.rawValue) <stack>_\(target.service)"
        }
    }

    /// `0.25` as `25 %`, `0.125` as `12.5 %`.
    static func percent(_ probability: Double) -> String {
        let value = (probability * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value)) %" : "\(value) %"
    }
}
