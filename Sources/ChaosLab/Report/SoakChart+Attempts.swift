import Foundation

extension SoakChart {
    /// The p99 publish latency (seconds) of each second of a load: the acknowledged attempts
    /// grouped by the second their answer came (counted from `start`), `nil` for a second
    /// without one.
    static func p99PerSecond(_ attempts: [PublishAttempt], from start: Date, seconds: Int) -> [Double?] {
        var histograms = [LatencyHistogram?](repeating: nil, count: max(0, seconds))
        for attempt in attempts where attempt.outcome == .acknowledged {
            let second = Int((attempt.at.timeIntervalSince(start) + attempt.took.seconds).rounded(.down))
            guard histograms.indices.contains(second) else { continue }
            if histograms[second] == nil { histograms[second] = LatencyHistogram() }
            histograms[second]!.record(attempt.took)
        }
        return histograms.map { $0.map { $0.percentile(99).seconds } }
    }
}
