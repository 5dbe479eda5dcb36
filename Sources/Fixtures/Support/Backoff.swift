/// Delays between reconnect attempts: doubling from `initial` up to `maximum`.
struct Backoff: Sendable, Hashable {
    /// The first delay, and the delay again after ``reset()``.
    let initial: Duration
    /// The longest delay.
    let maximum: Duration
    private var upcoming: Duration

    /// Reconnect attempts against a broker that is down cost one refused TCP connect; the cap
    /// bounds how long a fixture lags behind a broker that has come back.
    static let reconnect = Backoff(initial: .milliseconds(500), maximum: .seconds(1))

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
        upcoming = initial
    }

    /// The delay to wait now; the next one is twice as long, up to `maximum`.
    mutating func nextDelay() -> Duration {
        let delay = upcoming
        upcoming = min(upcoming * 2, maximum)
        return delay
    }

    /// Starts over from `initial` (after a success).
    mutating func reset() {
        upcoming = initial
    }
}
