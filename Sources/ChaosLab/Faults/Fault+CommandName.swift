extension Fault.Action {
    /// The tool that does the action, for messages about it failing ("docker unpause failed").
    var commandName: String {
        switch self {
        case .kill: "docker kill"
        case .stop: "docker stop"
        case .start: "docker start"
        case .pause: "docker pause"
        case .unpause: "docker unpause"
        case .restart: "docker restart"
        case .disconnect: "docker network disconnect"
        case .connect: "docker network connect"
        case .partition, .dropPackets: "iptables"
        case .limitBandwidth: "tc"
        case .restoreNetwork: "restoring the network (iptables, tc)"
        case .loseNode: "scripts/swarm.sh lose"
        case .reviveNode: "scripts/swarm.sh revive"
        case .partitionNode: "scripts/swarm.sh partition"
        case .healNode: "scripts/swarm.sh heal"
        case .rollingUpdate: "docker service update"
        }
    }
}
