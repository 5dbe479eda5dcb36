public import Foundation

/// What a soak's load did: totals, the per-second series, and the publish latencies.
public struct SoakLoadResult: Sendable, Codable, Hashable {
    public var route: PublishRoute
    public var started: Date
    /// From the start until the last answer came (or the lab stopped waiting for it).
    public var elapsed: Duration
    public var acknowledged: Int
    public var refused: Int
    public var indeterminate: Int
    public var series: PerSecondSeries
    /// Send to answer, of acknowledged publishes; `nil` when none was acknowledged.
    public var publishLatency: LatencySummary?

    public init(
        route: PublishRoute, started: Date, elapsed: Duration, acknowledged: Int, refused: Int, indeterminate: Int,
        series: PerSecondSeries, publishLatency: LatencySummary?
    ) {
        self.route = route
        self.started = started
        self.elapsed = elapsed
        self.acknowledged = acknowledged
        self.refused = refused
        self.indeterminate = indeterminate
        self.series = series
        self.publishLatency = publishLatency
    }

    /// Every publish sent.
    public var sent: Int { acknowledged + refused + indeterminate }

    /// Acknowledged publishes per second over the whole run.
    public var ackedPerSecond: Double {
        elapsed > .zero ? Double(acknowledged) / elapsed.seconds : 0
    }

    /// The median of the acknowledged publishes of each whole second, the first and the last
    /// (partial, or waiting for the last answers) left out when there are more than two.
    public var medianAckedPerSecond: Double {
        let seconds = series.acknowledged.count > 2 ? Array(series.acknowledged.dropFirst().dropLast()) : series.acknowledged
        return seconds.isEmpty ? 0 : FaultRecovery.median(seconds.map(Double.init))
    }

    /// The run's figures, under stable keys: `soak.sent`, `soak.acknowledged`, `soak.refused`,
    /// `soak.indeterminate`, `soak.acked.per.second`, `soak.acked.per.second.median`,
    /// `soak.elapsed`, and `soak.publish.latency.p50`/`.p95`/`.p99`/`.max` in milliseconds.
    public var figures: [Figure] {
        var figures = [
            Figure("soak.sent", "publishes sent", Double(sent)),
            Figure("soak.acknowledged", "publishes acknowledged", Double(acknowledged)),
            Figure("soak.refused", "publishes refused", Double(refused)),
            Figure("soak.indeterminate", "publishes indeterminate", Double(indeterminate)),
            Figure("soak.acked.per.second", "acknowledged publishes per second", (ackedPerSecond * 10).rounded() / 10, unit: "msg/s"),
            Figure("soak.acked.per.second.median", "median acknowledged publishes in a second", medianAckedPerSecond, unit: "msg/s"),
            Figure.seconds("soak.elapsed", "load time", elapsed),
        ]
        figures += publishLatency?.figures(key: "soak.publish.latency", label: "publish latency") ?? []
        return figures
    }
}
