import Histogram

/// Latencies recorded in an HdrHistogram, to the microsecond and three significant digits, up
/// to an hour: a fixed footprint (about 200 KiB) however many samples, so a soak of any length
/// can keep every one.
public struct LatencyHistogram: Sendable {
    /// The longest latency kept as such; longer ones count as this.
    public static let highest: Duration = .seconds(3600)

    private var histogram: Histogram<UInt64>

    public init() {
        histogram = Histogram(
            lowestDiscernibleValue: 1,
            highestTrackableValue: UInt64(Self.highest.seconds * 1_000_000),
            numberOfSignificantValueDigits: .three)
    }

    /// Records one latency; negative ones (clocks a little apart) count as zero.
    public mutating func record(_ latency: Duration) {
        let microseconds = (latency.seconds * 1_000_000).rounded()
        let value = UInt64(Swift.min(Swift.max(microseconds, 0), Double(histogram.highestTrackableValue)))
        _ = histogram.record(value)
    }

    /// Adds every sample of `other`.
    public mutating func add(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// How many latencies were recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// The latency at `percentile` (0…100): the highest value equivalent to it at the
    /// histogram's precision, as HdrHistogram reports it.
    public func percentile(_ percentile: Double) -> Duration {
        .microseconds(Int64(clamping: histogram.valueAtPercentile(percentile)))
    }

    /// The largest latency recorded, to the microsecond.
    public var max: Duration { .microseconds(Int64(clamping: histogram.maxRecorded)) }

    /// p50, p95, p99 and max; `nil` when nothing was recorded.
    public var summary: LatencySummary? {
        guard count > 0 else { return nil }
        return LatencySummary(count: count, p50: percentile(50), p95: percentile(95), p99: percentile(99), max: max)
    }

    /// `<key>.p50`, `<key>.p95`, `<key>.p99` and `<key>.max` in milliseconds (see
    /// ``LatencySummary/figures(key:label:)``); none when nothing was recorded.
    public func figures(key: String, label: String) -> [Figure] {
        summary?.figures(key: key, label: label) ?? []
    }
}
