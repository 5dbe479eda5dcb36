/// One fault of a soak's schedule: what happens to which service, when, for how long. Faults
/// may overlap; each is healed at its end (a killed or stopped service started, a paused one
/// unpaused, a network impairment removed) and, whatever happens, when the soak ends.
///
/// Plain data, so a schedule can be written to the report and replayed from a file.
public struct SoakFault: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What the fault does.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// SIGKILL the service; started again at the end.
        case kill
        /// `docker stop` it; started again at the end.
        case stop
        /// `docker pause` it: it keeps its sockets, so the broker notices only at the heartbeat.
        case pause
        /// SIGKILL the broker; started again at the end.
        case brokerKill = "broker-kill"
        /// Restart the broker gracefully (`docker restart`); `duration` is ignored.
        case brokerRestart = "broker-restart"
        /// Drop every packet between the service and the broker (iptables in its network
        /// namespace); removed at the end.
        case partition
        /// Drop a share of the service's packets (`amount`: 0…1, iptables `statistic`).
        case packetLoss = "packet-loss"
        /// Limit the service's outgoing bandwidth (`amount`: kbit/s, tc `tbf`).
        case bandwidth
        /// `docker network disconnect` it from its networks; reconnected at the end.
        case disconnect
    }

    public var kind: Kind
    /// The service it hits (the broker's service for the broker kinds).
    public var service: String
    /// Seconds from the start of the load.
    public var at: Double
    /// Seconds it stays in force.
    public var duration: Double
    /// The loss probability (packet-loss) or rate in kbit/s (bandwidth); `nil` otherwise.
    public var amount: Double?

    public init(_ kind: Kind, _ service: String, at: Double, duration: Double, amount: Double? = nil) {
        self.kind = kind
        self.service = service
        self.at = at
        self.duration = duration
        self.amount = amount
    }

    /// When it is healed, in seconds from the start of the load.
    public var end: Double { at + duration }

    public var description: String {
        let what = switch kind {
        case .kill: "SIGKILL \(service)"
        case .stop: "stop \(service)"
        case .pause: "pause \(service)"
        case .brokerKill: "SIGKILL the broker (\(service))"
        case .brokerRestart: "restart the broker (\(service))"
        case .partition: "partition \(service) from the broker"
        case .packetLoss: "drop \(Int(((amount ?? 0) * 100).rounded())) % of \(service)'s packets"
        case .bandwidth: "limit \(service) to \(Int(amount ?? 0)) kbit/s"
        case .disconnect: "disconnect \(service) from its networks"
        }
        return kind == .brokerRestart
            ? "\(what) at +\(Self.seconds(at))"
            : "\(what) from +\(Self.seconds(at)) to +\(Self.seconds(end))"
    }

    static func seconds(_ value: Double) -> String {
        "\((value * 10).rounded() / 10) s"
    }
}
