/// How long the stack took to get its throughput back after one fault: from the fault's start
/// until the acknowledged publishes per second were back to a share (80 %) of the median rate
/// before it, for a few (3) seconds in a row.
///
/// A fault that never dented the throughput recovers within its first whole second; one after
/// which the rate never came back within the run has no recovery time.
public struct FaultRecovery: Sendable, Codable, Hashable {
    /// Seconds from the start of the load.
    public var start: Double
    public var end: Double
    /// The median acknowledged publishes per second before the fault; `nil` when the series
    /// has no second before it.
    public var baseline: Double?
    /// Seconds from the fault's start to the first of the sustained seconds; `nil` when the
    /// rate never came back within the series (or there was no baseline to come back to).
    public var seconds: Double?

    public init(start: Double, end: Double, baseline: Double?, seconds: Double?) {
        self.start = start
        self.end = end
        self.baseline = baseline
        self.seconds = seconds
    }

    /// The recovery of each fault in `faults` (start and end in seconds from the start of the
    /// load), in their order.
    ///
    /// - Parameters:
    ///   - acked: acknowledged publishes in each second of the load (second `i` covers
    ///     `[i, i + 1)`).
    ///   - faults: each fault's window, start and end in seconds from the start of the load.
    ///   - threshold: the share of the baseline a second must reach.
    ///   - sustained: how many seconds in a row must reach it.
    ///   - lookback: how many seconds before the fault the baseline is taken from; seconds
    ///     inside any fault's window are left out, unless that leaves none.
    public static func measure(
        acked: [Int], faults: [(start: Double, end: Double)],
        threshold: Double = 0.8, sustained: Int = 3, lookback: Int = 60
    ) -> [FaultRecovery] {
        faults.map { fault in
            let baseline = baseline(acked: acked, before: fault.start, faults: faults, lookback: lookback)
            let seconds = baseline.flatMap { baseline in
                recovered(acked: acked, from: fault.start, reaching: threshold * baseline, for: sustained)
            }
            return FaultRecovery(start: fault.start, end: fault.end, baseline: baseline, seconds: seconds)
        }
    }

    /// The recovery of each of `faults`, by their own times.
    public static func measure(
        acked: [Int], faults: [SoakFault], threshold: Double = 0.8, sustained: Int = 3, lookback: Int = 60
    ) -> [FaultRecovery] {
        measure(acked: acked, faults: faults.map { ($0.at, $0.end) }, threshold: threshold, sustained: sustained, lookback: lookback)
    }

    /// The median of the whole seconds before `start` (at most `lookback` of them), leaving out
    /// those that overlap any fault unless none would be left.
    static func baseline(acked: [Int], before start: Double, faults: [(start: Double, end: Double)], lookback: Int) -> Double? {
        let last = min(Int(start.rounded(.down)), acked.count)
        let window = max(0, last - lookback)..<max(0, last)
        guard !window.isEmpty else { return nil }
        let clean = window.filter { second in
            !faults.contains { Double(second) < $0.end && Double(second + 1) > $0.start }
        }
        return median((clean.isEmpty ? Array(window) : clean).map { Double(acked[$0]) })
    }

    /// Seconds from `start` to the first second, at or after it, that begins `sustained`
    /// seconds in a row of at least `target`.
    static func recovered(acked: [Int], from start: Double, reaching target: Double, for sustained: Int) -> Double? {
        var first = Int(start.rounded(.up))
        var run = 0
        var second = first
        while second < acked.count {
            if Double(acked[second]) >= target {
                if run == 0 { first = second }
                run += 1
                if run >= max(1, sustained) { return Double(first) - start }
            } else {
                run = 0
            }
            second += 1
        }
        return nil
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
