import Foundation

/// What a soak's load has counted so far: totals, the per-second series and the publish
/// latencies. Fixed size but for one series entry a second.
struct SoakTally: Sendable {
    var series: PerSecondSeries
    /// Send to answer, of acknowledged publishes.
    var publishLatency = LatencyHistogram()
    var acknowledged = 0
    var refused = 0
    var indeterminate = 0

    init(start: Date) {
        series = PerSecondSeries(start: start)
    }

    /// Every attempt with an outcome (the answer, or the lab giving up waiting).
    var ended: Int { acknowledged + refused + indeterminate }

    /// Counts one publish that ended in `second` after `took`.
    mutating func record(_ outcome: PublishOutcome, took: Duration, second: Int) {
        series.add(outcome, second: second)
        switch outcome {
        case .acknowledged:
            acknowledged += 1
            publishLatency.record(took)
        case .refused: refused += 1
        case .indeterminate: indeterminate += 1
        }
    }
}
