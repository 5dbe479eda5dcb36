extension Fault.Action {
    private enum CodingKeys: String, CodingKey {
        case kill, stop, start, pause, unpause, restart, disconnect, connect
        case partition, dropPackets, limitBandwidth, restoreNetwork, loseNode, reviveNode, partitionNode, healNode, rollingUpdate
    }

    private enum DetailKeys: String, CodingKey {
        case signal, timeout, from, probability, kilobitsPerSecond, node, order
    }

    /// One key naming the action, with its details: `{"kill": {"signal": "KILL"}}`,
    /// `{"stop": {"timeout": 5}}` (seconds), `{"partition": {"from": ["172.18.0.2"]}}`,
    /// `{"dropPackets": {"probability": 0.3}}`, `{"limitBandwidth": {"kilobitsPerSecond": 256}}`,
    /// `{"loseNode": {"node": "clnode2"}}`, `{"rollingUpdate": {"order": "start-first"}}`,
    /// `{"start": {}}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .kill(let signal):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .kill)
            try details.encode(signal, forKey: .signal)
        case .stop(let timeout):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .stop)
            try details.encode(SecondsCoded(wrappedValue: timeout), forKey: .timeout)
        case .restart(let timeout):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .restart)
            try details.encode(SecondsCoded(wrappedValue: timeout), forKey: .timeout)
        case .partition(let peers):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .partition)
            try details.encode(peers, forKey: .from)
        case .dropPackets(let probability):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .dropPackets)
            try details.encode(probability, forKey: .probability)
        case .limitBandwidth(let rate):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .limitBandwidth)
            try details.encode(rate, forKey: .kilobitsPerSecond)
        case .loseNode(let node):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .loseNode)
            try details.encode(node, forKey: .node)
        case .reviveNode(let node):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .reviveNode)
            try details.encode(node, forKey: .node)
        case .partitionNode(let node):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .partitionNode)
            try details.encode(node, forKey: .node)
        case .healNode(let node):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .healNode)
            try details.encode(node, forKey: .node)
        case .rollingUpdate(let order):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .rollingUpdate)
            try details.encode(order, forKey: .order)
        case .start: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .start)
        case .pause: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .pause)
        case .unpause: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .unpause)
        case .disconnect: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .disconnect)
        case .connect: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .connect)
        case .restoreNetwork: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .restoreNetwork)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "A fault action is an object with exactly one key naming the action."))
        }
        func details() throws -> KeyedDecodingContainer<DetailKeys> {
            try container.nestedContainer(keyedBy: DetailKeys.self, forKey: key)
        }
        switch key {
        case .kill: self = .kill(signal: try details().decode(ContainerSignal.self, forKey: .signal))
        case .stop: self = .stop(timeout: try details().decode(SecondsCoded.self, forKey: .timeout).wrappedValue)
        case .restart: self = .restart(timeout: try details().decode(SecondsCoded.self, forKey: .timeout).wrappedValue)
        case .partition: self = .partition(from: try details().decode([String].self, forKey: .from))
        case .dropPackets: self = .dropPackets(probability: try details().decode(Double.self, forKey: .probability))
        case .limitBandwidth: self = .limitBandwidth(kilobitsPerSecond: try details().decode(Int.self, forKey: .kilobitsPerSecond))
        case .loseNode: self = .loseNode(try details().decode(String.self, forKey: .node))
        case .reviveNode: self = .reviveNode(try details().decode(String.self, forKey: .node))
        case .partitionNode: self = .partitionNode(try details().decode(String.self, forKey: .node))
        case .healNode: self = .healNode(try details().decode(String.self, forKey: .node))
        case .rollingUpdate: self = .rollingUpdate(try details().decode(UpdateOrder.self, forKey: .order))
        case .start: self = .start
        case .pause: self = .pause
        case .unpause: self = .unpause
        case .disconnect: self = .disconnect
        case .connect: self = .connect
        case .restoreNetwork: self = .restoreNetwork
        }
    }
}
