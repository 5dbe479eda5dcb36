extension SoakFault {
    /// How the nemesis plays a fault: what it injects, what undoes it, and whether it ends by
    /// itself (a restart) rather than by its remedy.
    struct Plan: Sendable {
        var injection: Fault
        var remedy: Fault
        var endsByItself: Bool
    }

    /// The plan for this fault on its whole service.
    /// - Parameters:
    ///   - brokerAddresses: what a partition cuts the service off from.
    ///   - stopTimeout: the grace period of a stop or restart.
    func plan(brokerAddresses: [String], stopTimeout: Duration) -> Plan {
        let target = ServiceTarget(worker: service)
        switch kind {
        case .kill, .brokerKill: return Plan(injection: .kill(target), remedy: .start(target), endsByItself: false)
        case .stop: return Plan(injection: .stop(target, timeout: stopTimeout), remedy: .start(target), endsByItself: false)
        case .pause: return Plan(injection: .pause(target), remedy: .unpause(target), endsByItself: false)
        case .brokerRestart:
            // Started again should the restart stop half-way.
            return Plan(injection: .restart(target, timeout: stopTimeout), remedy: .start(target), endsByItself: true)
        case .partition:
            return Plan(injection: .partition(target, from: brokerAddresses), remedy: .restoreNetwork(target), endsByItself: false)
        case .packetLoss:
            return Plan(injection: .dropPackets(target, probability: amount ?? 0), remedy: .restoreNetwork(target), endsByItself: false)
        case .bandwidth:
            return Plan(injection: .limitBandwidth(target, kilobitsPerSecond: Int(amount ?? 0)), remedy: .restoreNetwork(target), endsByItself: false)
        case .disconnect: return Plan(injection: .disconnect(target), remedy: .connect(target), endsByItself: false)
        }
    }

    /// The state a container is left in when this fault cannot be undone.
    var leftState: String {
        switch kind {
        case .kill, .brokerKill: "killed"
        case .stop, .brokerRestart: "stopped"
        case .pause: "paused"
        case .partition: "partitioned from the broker"
        case .packetLoss: "dropping \(Fault.percent(amount ?? 0)) of its packets"
        case .bandwidth: "limited to \(Int(amount ?? 0)) kbit/s"
        case .disconnect: "cut off its networks"
        }
    }

    /// Whether `instance`, as seen now, still shows this fault; what cannot be seen from
    /// outside (the network impairments) counts as still there.
    func stillShows(on instance: ServiceInstance) -> Bool {
        switch kind {
        case .kill, .brokerKill, .stop, .brokerRestart: instance.state != .running && instance.state != .paused
        case .pause: instance.state == .paused
        case .disconnect: instance.networks.isEmpty
        case .partition, .packetLoss, .bandwidth: true
        }
    }
}
