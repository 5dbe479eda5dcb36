/// The spread of a set of durations, e.g. from a publish being sent to the message being
/// processed.
public struct LatencyStatistics: Sendable, Codable, Hashable, CustomStringConvertible {
    /// How many durations.
    public var count: Int
    /// The shortest.
    public var minimum: Duration
    /// The middle one (the mean of the two middle ones for an even count).
    public var median: Duration
    /// The longest.
    public var maximum: Duration

    public init(count: Int, minimum: Duration, median: Duration, maximum: Duration) {
        self.count = count
        self.minimum = minimum
        self.median = median
        self.maximum = maximum
    }

    /// The statistics of `samples`; `nil` when there are none.
    public init?(_ samples: [Duration]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        self.init(
            count: sorted.count,
            minimum: sorted[0],
            median: sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle],
            maximum: sorted[sorted.count - 1]
        )
    }

    /// E.g. "min 0.12 s, median 0.5 s, max 3.2 s over 20 messages".
    public var description: String {
        "min \(minimum.secondsText), median \(median.secondsText), max \(maximum.secondsText) over \(count) \(count == 1 ? "message" : "messages")"
    }
}
