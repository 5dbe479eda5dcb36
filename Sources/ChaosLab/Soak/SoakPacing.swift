/// How ``SoakSchedule/random(seed:duration:nemesis:workers:broker:pacing:)`` spaces its faults.
/// The defaults suit the reference stack: clients with a 5 s heartbeat, a broker that boots in
/// about 10 s. All times are in seconds.
public struct SoakPacing: Sendable, Hashable {
    /// Load before the first fault, so the run has a healthy baseline.
    public var warmUp: Double
    /// Time at the end with no fault in force, for the stack to recover before the drain.
    public var endMargin: Double
    /// Time between two fault starts, drawn uniformly.
    public var gap: ClosedRange<Double>
    /// How long a fault on a worker lasts, drawn uniformly.
    public var faultDuration: ClosedRange<Double>
    /// How long the broker stays killed, drawn uniformly.
    public var brokerDowntime: ClosedRange<Double>
    /// What a graceful broker restart takes (stop, boot), for spacing only: its own
    /// ``SoakFault/duration`` is 0.
    public var restartAllowance: Double
    /// Time after a broker fault before the next one, for the broker to boot and its clients
    /// to reconnect: never two broker outages back to back.
    public var brokerRecovery: Double
    /// Time after a fault on a service before the next on the same service.
    public var serviceRecovery: Double
    /// The most faults in force at once.
    public var maxConcurrent: Int
    /// Keep at least one worker free of faults at every moment (with two workers or more), so
    /// only a broker fault stops all processing.
    public var spareOneWorker: Bool
    /// The loss probabilities a packet-loss fault draws from.
    public var lossProbabilities: [Double]
    /// The rates (kbit/s) a bandwidth fault draws from.
    public var bandwidths: [Int]

    public init(
        warmUp: Double = 10,
        endMargin: Double = 10,
        gap: ClosedRange<Double> = 3...12,
        faultDuration: ClosedRange<Double> = 5...25,
        brokerDowntime: ClosedRange<Double> = 5...15,
        restartAllowance: Double = 20,
        brokerRecovery: Double = 30,
        serviceRecovery: Double = 5,
        maxConcurrent: Int = 2,
        spareOneWorker: Bool = true,
        lossProbabilities: [Double] = [0.1, 0.2, 0.3, 0.5],
        bandwidths: [Int] = [64, 128, 256, 512]
    ) {
        self.warmUp = warmUp
        self.endMargin = endMargin
        self.gap = gap
        self.faultDuration = faultDuration
        self.brokerDowntime = brokerDowntime
        self.restartAllowance = restartAllowance
        self.brokerRecovery = brokerRecovery
        self.serviceRecovery = serviceRecovery
        self.maxConcurrent = maxConcurrent
        self.spareOneWorker = spareOneWorker
        self.lossProbabilities = lossProbabilities
        self.bandwidths = bandwidths
    }

    /// How long `fault` keeps its service busy: its duration, or a restart's allowance.
    func occupancy(of fault: SoakFault) -> Double {
        fault.kind == .brokerRestart ? restartAllowance : fault.duration
    }
}

extension SoakPacing {
    /// The default pacing for a soak of `duration` seconds: as is from two minutes on; for a
    /// shorter soak the warm-up, end margin, gaps and worker fault lengths shrink in proportion
    /// (never below a few seconds), so a short run still sees faults. What the broker needs to
    /// boot and its clients to reconnect does not shrink.
    public static func fitting(duration: Double) -> SoakPacing {
        var pacing = SoakPacing()
        let scale = min(1, max(0, duration) / 120)
        guard scale < 1 else { return pacing }
        func scaled(_ value: Double, floor: Double) -> Double { max(floor, (value * scale * 10).rounded() / 10) }
        pacing.warmUp = scaled(pacing.warmUp, floor: 5)
        pacing.endMargin = scaled(pacing.endMargin, floor: 5)
        pacing.gap = scaled(pacing.gap.lowerBound, floor: 1)...scaled(pacing.gap.upperBound, floor: 3)
        pacing.faultDuration = scaled(pacing.faultDuration.lowerBound, floor: 3)...scaled(pacing.faultDuration.upperBound, floor: 6)
        pacing.brokerDowntime = pacing.brokerDowntime.lowerBound...max(pacing.brokerDowntime.lowerBound, scaled(pacing.brokerDowntime.upperBound, floor: 5))
        pacing.restartAllowance = scaled(pacing.restartAllowance, floor: 15)
        pacing.brokerRecovery = scaled(pacing.brokerRecovery, floor: 20)
        return pacing
    }
}
