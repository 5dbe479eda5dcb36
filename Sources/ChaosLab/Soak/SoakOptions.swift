public import Foundation

/// How a soak runs: how long, how hard, through what, and which faults.
public struct SoakOptions: Sendable, Hashable {
    /// How long the load publishes, in seconds.
    public var duration: Double
    /// Target publishes a second; `nil` for as many as the stack takes.
    public var rate: Double?
    /// API: requests in flight at once. AMQP: connections, each with a window of publishes.
    public var concurrency: Int
    /// Draws the schedule (when none is given); recorded in the report, so the run can be
    /// replayed.
    public var seed: UInt64
    /// The kinds of fault a random schedule draws from.
    public var nemesis: Set<SoakFault.Kind>
    /// An explicit schedule, played instead of a random one.
    public var schedule: SoakSchedule?
    /// Through the API (the default) or straight to the broker.
    public var route: PublishRoute
    /// How long each message asks a worker to work.
    public var workMilliseconds: Int
    /// How long, at most, the lab waits after the load for the acknowledged messages to be
    /// processed.
    public var drainDeadline: Duration
    /// How a random schedule spaces its faults (by default ``SoakPacing/fitting(duration:)``).
    public var pacing: SoakPacing

    public init(
        duration: Double = 120, rate: Double? = nil, concurrency: Int = 16, seed: UInt64 = UInt64.random(in: 1...999_999),
        nemesis: Set<SoakFault.Kind> = Set(SoakFault.Kind.allCases), schedule: SoakSchedule? = nil, route: PublishRoute = .api,
        workMilliseconds: Int = 0, drainDeadline: Duration = .seconds(90), pacing: SoakPacing? = nil
    ) {
        self.duration = duration
        self.rate = rate
        self.concurrency = concurrency
        self.seed = seed
        self.nemesis = nemesis
        self.schedule = schedule
        self.route = route
        self.workMilliseconds = workMilliseconds
        self.drainDeadline = drainDeadline
        self.pacing = pacing ?? .fitting(duration: duration)
    }

    /// The schedule to play on a stack with these workers and this broker: the given one, or
    /// one drawn from the seed.
    public func schedule(workers: [String], broker: String) -> SoakSchedule {
        schedule ?? SoakSchedule.random(seed: seed, duration: duration, nemesis: nemesis, workers: workers, broker: broker, pacing: pacing)
    }
}

extension StackRoles {
    /// The services a soak's schedule may name: the broker, the workers, the API and the proxy.
    public var soakServices: [String] {
        [broker] + workers + [api?.service, proxy?.service].compactMap { $0 }
    }
}
