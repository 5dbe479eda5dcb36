public import Foundation

/// What a soak did and found, for its report section and its final line: the schedule it
/// played and how each fault really went, the checker's counts, the lost messages' stories,
/// and the figures behind the chart.
public struct SoakSummary: Sendable, Codable, Hashable {
    /// The seed the schedule was drawn from; `nil` for a schedule read from a file without one.
    public var seed: UInt64?
    /// How the load published: through the API or straight to the broker.
    public var route: PublishRoute
    /// The load's length as asked, in seconds.
    public var duration: Double
    /// The schedule as played, with what really happened to each fault.
    public var schedule: SoakSchedule
    public var windows: [FaultWindow]
    /// The checker's table.
    public var counts: Counts
    /// Acknowledged publishes per second over the whole load.
    public var acknowledgedPerSecond: Double
    /// From each publish's send to its answer, acknowledged publishes only.
    public var publishLatency: LatencySummary?
    /// From each publish's send to the broker's ack of its delivery.
    public var endToEndLatency: LatencySummary?
    /// How long the throughput took to come back after each fault, in the schedule's order.
    public var recoveries: [FaultRecovery]
    /// Throughput and p99 latency second by second, with the fault windows.
    public var chart: SoakChart
    /// The lost messages, each with its story (at most ``storyLimit``; ``Counts/lost`` has all).
    public var lost: [LostMessageStory]
    /// Some of the duplicated, unexpected, unobserved and left-over messages, by token.
    public var duplicatedSample: [String]
    public var unexpectedSample: [String]
    public var unobservedSample: [String]
    public var leftInQueueSample: [String]
    /// Containers the nemesis could not restore, each in a sentence.
    public var leftBroken: [String]
    /// The dead-lettered messages' reasons (`maxlen`, `expired`, `rejected`) and how many had each.
    public var deadLetterReasons: [String: Int]

    /// How many lost stories and sampled tokens a summary keeps.
    public static let storyLimit = 50

    /// The checker's table: every attempted message accounted for.
    public struct Counts: Sendable, Codable, Hashable {
        /// Publish attempts, whatever their answer.
        public var attempted: Int
        public var acknowledged: Int
        /// Definite refusals (a 4xx, a nack, a return).
        public var refused: Int
        /// No answer, a 5xx, a reset: the message may or may not be in the queue.
        public var indeterminate: Int
        /// Messages processed at least once.
        public var processed: Int
        /// Acknowledged and never processed.
        public var lost: Int
        /// Processed more than once (at-least-once allows it).
        public var duplicated: Int
        /// Processed, never attempted.
        public var unexpected: Int
        /// Indeterminate, then processed.
        public var recovered: Int
        /// Acknowledged, not seen processed while the lab could not watch, and no worker
        /// output to tell.
        public var unobserved: Int
        /// Acknowledged and still in the queue after the drain (taken off by the lab).
        public var leftInQueue: Int
        /// Deliveries flagged redelivered.
        public var redeliveries: Int
        /// Acknowledged, not processed, found in the dead-letter queue (a max-length overflow,
        /// an expiry): the stack's own way out, not a loss.
        public var deadLettered: Int

        public init(
            attempted: Int = 0, acknowledged: Int = 0, refused: Int = 0, indeterminate: Int = 0, processed: Int = 0,
            lost: Int = 0, duplicated: Int = 0, unexpected: Int = 0, recovered: Int = 0, unobserved: Int = 0,
            leftInQueue: Int = 0, redeliveries: Int = 0, deadLettered: Int = 0
        ) {
            self.attempted = attempted
            self.acknowledged = acknowledged
            self.refused = refused
            self.indeterminate = indeterminate
            self.processed = processed
            self.lost = lost
            self.duplicated = duplicated
            self.unexpected = unexpected
            self.recovered = recovered
            self.unobserved = unobserved
            self.leftInQueue = leftInQueue
            self.redeliveries = redeliveries
            self.deadLettered = deadLettered
        }
    }

    public init(
        seed: UInt64?, route: PublishRoute, duration: Double, schedule: SoakSchedule, windows: [FaultWindow], counts: Counts,
        acknowledgedPerSecond: Double, publishLatency: LatencySummary?, endToEndLatency: LatencySummary?,
        recoveries: [FaultRecovery], chart: SoakChart, lost: [LostMessageStory], duplicatedSample: [String] = [],
        unexpectedSample: [String] = [], unobservedSample: [String] = [], leftInQueueSample: [String] = [], leftBroken: [String] = [],
        deadLetterReasons: [String: Int] = [:]
    ) {
        self.seed = seed
        self.route = route
        self.duration = duration
        self.schedule = schedule
        self.windows = windows
        self.counts = counts
        self.acknowledgedPerSecond = acknowledgedPerSecond
        self.publishLatency = publishLatency
        self.endToEndLatency = endToEndLatency
        self.recoveries = recoveries
        self.chart = chart
        self.lost = lost
        self.duplicatedSample = duplicatedSample
        self.unexpectedSample = unexpectedSample
        self.unobservedSample = unobservedSample
        self.leftInQueueSample = leftInQueueSample
        self.leftBroken = leftBroken
        self.deadLetterReasons = deadLetterReasons
    }

    /// The soak's last line on stdout:
    /// `soak: A acknowledged, P processed, L lost, D duplicated, U unexpected, R recovered; X msg/s`.
    public var finalLine: String {
        let rate = String(format: "%.1f", acknowledgedPerSecond)
        return "soak: \(counts.acknowledged) acknowledged, \(counts.processed) processed, \(counts.lost) lost, "
            + "\(counts.duplicated) duplicated, \(counts.unexpected) unexpected, \(counts.recovered) recovered; \(rate) msg/s"
    }
}
