extension SoakFault.Kind {
    /// Whether the kind hits the broker (and only the broker).
    public var hitsBroker: Bool {
        self == .brokerKill || self == .brokerRestart
    }

    /// Whether the kind impairs the service's network from inside its namespace.
    public var impairsNetwork: Bool {
        self == .partition || self == .packetLoss || self == .bandwidth
    }

    /// What ``SoakFault/amount`` means for the kind, when it takes one.
    var amountMeaning: String? {
        switch self {
        case .packetLoss: "a loss probability above 0 and at most 1"
        case .bandwidth: "a rate in kbit/s, at least 1"
        default: nil
        }
    }

    /// Whether `amount` is one the kind accepts.
    func accepts(amount: Double) -> Bool {
        switch self {
        case .packetLoss: amount.isFinite && amount > 0 && amount <= 1
        case .bandwidth: amount.isFinite && amount >= 1 && amount <= Double(Int32.max)
        default: false
        }
    }
}
