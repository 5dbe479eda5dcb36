public import Foundation

/// Accounts for every message of a soak, Jepsen's total-queue way, from the broker's account
/// first: acknowledged messages processed, lost, processed twice; indeterminate ones recovered;
/// messages nobody published.
///
/// Where the broker could not be watched (the firehose re-arming after a broker restart), a
/// message may have been delivered unseen. For those the workers' own output, when the roles
/// say how to read it, is the only other witness: a message it shows processed is processed; one
/// it does not show is lost, because the workers print every message they take. Without worker
/// output such a message is *unobserved*, and the soak cannot fail on it.
public struct SoakAccounting: Sendable {
    /// Every publish attempt of the soak.
    public var attempts: [PublishAttempt]
    /// The broker's deliveries of the soak's messages from the work queue.
    public var deliveries: [MessageTrace]
    /// What the workers printed about the same messages, when the roles say how to read it.
    public var workerOutput: [MessageTrace]?
    /// When the lab was not watching the broker.
    public var gaps: [ObservationGap]
    /// The faults as they really were.
    public var windows: [FaultWindow]
    /// Faults injected outside a schedule (a rolling update's), as they were: in a lost
    /// message's story beside the windows.
    public var injected: [FaultEvent]
    /// When the load started: the origin of every time in seconds.
    public var origin: Date
    /// The soak's messages still in the work queue after the drain, taken off it by the lab:
    /// not processed, but not lost either.
    public var leftInQueue: Set<String>
    /// The soak's messages found in the dead-letter queue after the drain, each with the
    /// broker's reason (`x-death`: `maxlen`, `expired`, `rejected`): acknowledged, not
    /// processed, yet kept where the stack sends what it cannot take, so not lost.
    public var deadLettered: [String: String]

    public init(
        attempts: [PublishAttempt], deliveries: [MessageTrace], workerOutput: [MessageTrace]?, gaps: [ObservationGap],
        windows: [FaultWindow], injected: [FaultEvent] = [], origin: Date, leftInQueue: Set<String> = [], deadLettered: [String: String] = [:]
    ) {
        self.injected = injected
        self.attempts = attempts
        self.deliveries = deliveries
        self.workerOutput = workerOutput
        self.gaps = gaps
        self.windows = windows
        self.origin = origin
        self.leftInQueue = leftInQueue
        self.deadLettered = deadLettered
    }

    /// The outcome of the accounting.
    public struct Result: Sendable {
        /// The history checker's analysis of the broker's account, with messages the workers'
        /// output showed processed counted as processed.
        public var analysis: HistoryAnalysis
        /// Acknowledged messages neither the broker nor the workers saw processed.
        public var lost: [LostMessageStory]
        /// Acknowledged messages the broker did not see processed while it was not watched,
        /// and no worker output could tell about.
        public var unobserved: [String]
        /// Messages only the workers' output showed processed (the broker was not watched then).
        public var processedByWorkerOutput: [String]
        /// Acknowledged messages still waiting in the work queue after the drain.
        public var leftInQueue: [String]
        /// Acknowledged messages never processed that the broker dead-lettered, with its reason.
        public var deadLettered: [(token: String, reason: String)]
    }

    public func account() -> Result {
        // The first processing the workers showed of each message.
        let firstShown = Dictionary((workerOutput ?? []).filter { $0.outcome == .acked }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let shownByWorkers = Set(firstShown.keys)
        let acknowledgedByConsumer = Set(deliveries.filter { $0.outcome == .acked }.map(\.id))
        let autoAcked = Set(deliveries.filter { $0.outcome == .autoAcked }.map(\.id))
        // An auto-ack consumer's delivery is forgotten by the broker when sent: it says nothing
        // of processing. Only the workers' output can; without it, such a message is unfinished.
        var traces = deliveries.map { delivery -> MessageTrace in
            guard delivery.outcome == .autoAcked, !shownByWorkers.contains(delivery.id) else { return delivery }
            var unconfirmed = delivery
            unconfirmed.outcome = .unfinished
            unconfirmed.end = nil
            return unconfirmed
        }
        var byWorkers: [String] = []
        var unobserved: [String] = []
        var waiting: [String] = []
        var dead: [(token: String, reason: String)] = []
        for attempt in attempts where attempt.outcome == .acknowledged && !acknowledgedByConsumer.contains(attempt.token) {
            if shownByWorkers.contains(attempt.token) {
                byWorkers.append(attempt.token)
                if !autoAcked.contains(attempt.token), let trace = firstShown[attempt.token] {
                    traces.append(trace)
                }
            } else if leftInQueue.contains(attempt.token) {
                waiting.append(attempt.token)
            } else if let reason = deadLettered[attempt.token] {
                dead.append((attempt.token, reason))
            } else if workerOutput == nil, autoAcked.contains(attempt.token) || mayHaveBeenDeliveredUnseen(attempt) {
                unobserved.append(attempt.token)
            }
        }
        let setAside = Set(unobserved + waiting + dead.map(\.token))
        let history = History(attempts: attempts.filter { !setAside.contains($0.token) }, deliveries: traces)
        let analysis = HistoryChecker().check(history)
        let lostIDs = Set(analysis.lost.map(\.id))
        // Grouped once: a story per lost message looked up in every delivery was quadratic.
        let lostDeliveries = Dictionary(grouping: deliveries.filter { lostIDs.contains($0.id) }, by: \.id)
        let stories = attempts.filter { lostIDs.contains($0.token) }.map { story($0, deliveries: lostDeliveries[$0.token] ?? []) }
        return Result(analysis: analysis, lost: stories, unobserved: unobserved, processedByWorkerOutput: byWorkers, leftInQueue: waiting, deadLettered: dead)
    }

    /// Whether a gap in the lab's watching overlaps the time from the message's publish on:
    /// its delivery may have happened then.
    func mayHaveBeenDeliveredUnseen(_ attempt: PublishAttempt) -> Bool {
        gaps.contains { $0.overlaps(attempt.at, .distantFuture) }
    }

    /// The message's story, for the report.
    func story(_ attempt: PublishAttempt, deliveries: [MessageTrace]) -> LostMessageStory {
        let published = attempt.at.timeIntervalSince(origin)
        let acknowledgedAt = published + attempt.took.seconds
        let deliveries = deliveries.map { delivery in
            "delivered to \(delivery.worker) at +\(SoakFault.seconds(delivery.start.timeIntervalSince(origin)))\(delivery.redelivered ? " (redelivered)" : "") → \(delivery.outcome.rawValue)"
        }
        let faults = windows.enumerated().filter { _, window in
            // In force at some moment from the publish on.
            window.began != nil && (window.healed ?? .infinity) >= published
        }.map { index, window in "F\(index + 1) \(window.fault)" } + injected.filter { event in
            event.at.timeIntervalSince(origin) + event.took.seconds >= published
        }.map { event in
            let began = event.at.timeIntervalSince(origin)
            return "\(event.fault) (+\(SoakFault.seconds(began))–\(SoakFault.seconds(began + event.took.seconds)))"
        }
        return LostMessageStory(token: attempt.token, publishedAt: published, acknowledgedAt: acknowledgedAt, deliveries: deliveries, faults: faults)
    }
}
