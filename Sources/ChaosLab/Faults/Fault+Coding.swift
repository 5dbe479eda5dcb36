extension Fault.Action {
    private enum CodingKeys: String, CodingKey {
        case kill, stop, start, pause, unpause, disconnect, connect
    }

    private enum DetailKeys: String, CodingKey {
        case signal, timeout
    }

    /// One key naming the action, with its details: `{"kill": {"signal": "KILL"}}`,
    /// `{"stop": {"timeout": 5}}` (seconds), `{"start": {}}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .kill(let signal):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .kill)
            try details.encode(signal, forKey: .signal)
        case .stop(let timeout):
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .stop)
            try details.encode(SecondsCoded(wrappedValue: timeout), forKey: .timeout)
        case .start: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .start)
        case .pause: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .pause)
        case .unpause: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .unpause)
        case .disconnect: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .disconnect)
        case .connect: _ = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .connect)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "A fault action is an object with exactly one key naming the action."))
        }
        switch key {
        case .kill:
            let details = try container.nestedContainer(keyedBy: DetailKeys.self, forKey: .kill)
            self = .kill(signal: try details.decode(ContainerSignal.self, forKey: .signal))
        case .stop:
            let details = try container.nestedContainer(keyedBy: DetailKeys.self, forKey: .stop)
            self = .stop(timeout: try details.decode(SecondsCoded.self, forKey: .timeout).wrappedValue)
        case .start: self = .start
        case .pause: self = .pause
        case .unpause: self = .unpause
        case .disconnect: self = .disconnect
        case .connect: self = .connect
        }
    }
}
