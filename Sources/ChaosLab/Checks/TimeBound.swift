/// A time limit a check holds a stack to, with the margin it allows for the lab's own timing
/// (the probe's scheduling, a loaded machine), so a stack is never judged on milliseconds.
struct TimeBound: Sendable, Hashable, CustomStringConvertible {
    /// The limit as stated, e.g. 2 s.
    var bound: Duration
    /// What is allowed on top of it, e.g. 0.5 s.
    var margin: Duration

    /// The longest duration that still keeps the bound.
    var limit: Duration { bound + margin }

    /// Whether `duration` keeps the bound, margin included.
    func admits(_ duration: Duration) -> Bool {
        duration <= limit
    }

    /// `2 s (+0.5 s margin)`.
    var description: String {
        "\(bound.secondsText) (+\(margin.secondsText) margin)"
    }
}
