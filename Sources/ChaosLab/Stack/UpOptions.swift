/// How to bring a stack up.
public struct UpOptions: Sendable, Hashable, Codable {
    /// Variables added to the environment of compose (on top of the configuration's) for this
    /// `up` and the compose calls after it, until the next `up`; e.g. `CHAOSLAB_KNOBS`.
    public var environment: [String: String]
    /// How long every service may take to run and pass its healthcheck.
    public var deadline: Duration
    /// Whether to leave a stack that failed to come up in place for inspection, instead of
    /// removing it (volumes included).
    public var keepOnFailure: Bool
    /// How long building the images of services with a `build:` may take, before ``deadline``
    /// starts: a first build may install packages.
    public var buildDeadline: Duration
    /// Only these services are created or recreated, where their configuration changed; the
    /// others keep running as they are, their state (a broker's queues) untouched. `nil`: every
    /// service. Honoured where ``StackDriver/recreatesSelectedServices`` says so.
    public var services: [String]?

    public init(
        environment: [String: String] = [:], deadline: Duration = .seconds(180), keepOnFailure: Bool = false,
        buildDeadline: Duration = .seconds(900), services: [String]? = nil
    ) {
        self.services = services
        self.environment = environment
        self.deadline = deadline
        self.keepOnFailure = keepOnFailure
        self.buildDeadline = buildDeadline
    }
}
