/// What a ``HistoryChecker`` found in a history: which acknowledged messages were handled,
/// lost, processed twice or redelivered, which messages appeared from nowhere, and the figures
/// a report shows.
public struct HistoryAnalysis: Sendable, Codable, Hashable {
    /// The policy the history was judged by.
    public var policy: HistoryPolicy
    /// How many messages the lab must see handled: those whose publish was acknowledged.
    public var acknowledged: Int
    /// How many acknowledged messages were processed.
    public var processed: Int
    /// How many acknowledged messages were dead-lettered and count as handled, because they
    /// were expected to be or the policy allows it.
    public var deadLettered: Int
    /// Messages whose publish went unanswered or got a server error (5xx), and that never
    /// showed up: the lab cannot know whether the broker kept them, so they are neither
    /// expected nor lost. In the order the history first mentions them.
    public var indeterminate: [String]
    /// Messages whose publish went unanswered or got a server error, and that a worker handled
    /// anyway (Jepsen's *recovered*): the broker had kept them. Never an error.
    public var recovered: [String]
    /// Acknowledged messages never handled, each with the last thing seen. Always an error.
    public var lost: [MessageFinding]
    /// Acknowledged messages handled the wrong way: processed though expected to be
    /// dead-lettered. Always an error.
    public var mishandled: [MessageFinding]
    /// Messages workers received or processed that the lab never published, or whose publish
    /// failed (unless the policy lets those appear). Always an error.
    public var unexpected: [MessageFinding]
    /// Messages processed more than once; an error only if the policy disallows duplicates.
    public var duplicated: [DuplicatedMessage]
    /// Messages delivered again with the redelivered flag; never an error by itself.
    public var redelivered: [RedeliveredMessage]
    /// How many processings each worker did, duplicates and unexpected messages included.
    public var processedByWorker: [String: Int]
    /// From sending the request that was acknowledged to the message's first processing, over
    /// the acknowledged messages that were processed; `nil` if none were. Never negative: the
    /// send comes before anything a worker can do with the message, even when the API's
    /// answer comes after the processing.
    public var latency: LatencyStatistics?
    /// What the sources could not say (from ``History/gaps``).
    public var gaps: [String]

    public init(
        policy: HistoryPolicy,
        acknowledged: Int,
        processed: Int,
        deadLettered: Int,
        indeterminate: [String] = [],
        recovered: [String] = [],
        lost: [MessageFinding] = [],
        mishandled: [MessageFinding] = [],
        unexpected: [MessageFinding] = [],
        duplicated: [DuplicatedMessage] = [],
        redelivered: [RedeliveredMessage] = [],
        processedByWorker: [String: Int] = [:],
        latency: LatencyStatistics? = nil,
        gaps: [String] = []
    ) {
        self.policy = policy
        self.acknowledged = acknowledged
        self.processed = processed
        self.deadLettered = deadLettered
        self.indeterminate = indeterminate
        self.recovered = recovered
        self.lost = lost
        self.mishandled = mishandled
        self.unexpected = unexpected
        self.duplicated = duplicated
        self.redelivered = redelivered
        self.processedByWorker = processedByWorker
        self.latency = latency
        self.gaps = gaps
    }

    /// Whether the history shows correct handling under ``policy``: nothing lost, mishandled
    /// or unexpected, and no duplicates unless allowed. Gaps do not make it unclean; they are
    /// reported beside it.
    public var isClean: Bool {
        lost.isEmpty && mishandled.isEmpty && unexpected.isEmpty && (policy.allowDuplicates || duplicated.isEmpty)
    }

    /// The findings that make the history unclean, one line each, most serious first.
    public var errors: [String] {
        lost.map(\.explanation) + mishandled.map(\.explanation) + unexpected.map(\.explanation)
            + (policy.allowDuplicates ? [] : duplicated.map(\.description))
    }
}
