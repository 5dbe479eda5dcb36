/// A service's healthcheck as compose declares it.
public struct ComposeHealthcheck: Sendable, Hashable, Codable {
    /// The test, in Docker's form: `["CMD", …]`, `["CMD-SHELL", "…"]` or `["NONE"]`.
    public var test: [String]
    /// Time between checks.
    public var interval: Duration?
    /// Time one check may take.
    public var timeout: Duration?
    /// Failures in a row before the container counts as unhealthy.
    public var retries: Int?
    /// Time after start during which failures do not count.
    public var startPeriod: Duration?
    /// Whether the healthcheck (including one from the image) is switched off.
    public var disabled: Bool

    public init(
        test: [String],
        interval: Duration? = nil,
        timeout: Duration? = nil,
        retries: Int? = nil,
        startPeriod: Duration? = nil,
        disabled: Bool = false
    ) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
        self.disabled = disabled
    }
}
