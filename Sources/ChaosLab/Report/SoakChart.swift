/// What a soak's chart shows: throughput and p99 latency second by second, and when each fault
/// was in force.
public struct SoakChart: Sendable, Codable, Hashable {
    /// One fault's window, in seconds from the start of the load.
    public struct Window: Sendable, Codable, Hashable {
        /// `F1`, `F2`, … as in the schedule's table.
        public var tag: String
        /// What the fault did, in a few words.
        public var label: String
        public var start: Double
        /// `nil` for a fault that was never healed while the chart ran.
        public var end: Double?

        public init(tag: String, label: String, start: Double, end: Double?) {
            self.tag = tag
            self.label = label
            self.start = start
            self.end = end
        }
    }

    /// Acknowledged publishes in each second of the load.
    public var acknowledgedPerSecond: [Double]
    /// The p99 publish latency (seconds) in each second; `nil` for a second without an answer.
    public var p99PerSecond: [Double?]
    public var windows: [Window]

    public init(acknowledgedPerSecond: [Double], p99PerSecond: [Double?], windows: [Window]) {
        self.acknowledgedPerSecond = acknowledgedPerSecond
        self.p99PerSecond = p99PerSecond
        self.windows = windows
    }

    /// The seconds the chart spans: every second of the load, and every fault's window.
    var duration: Double {
        max(Double(max(acknowledgedPerSecond.count, p99PerSecond.count)), windows.map { $0.end ?? $0.start }.max() ?? 0, 1)
    }
}
