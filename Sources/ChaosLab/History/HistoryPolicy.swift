/// What a ``HistoryChecker`` accepts as correct handling of the messages a run published.
///
/// The default is at-least-once delivery: every acknowledged message processed, duplicates
/// reported but tolerated, nothing dead-lettered unless expected.
public struct HistoryPolicy: Sendable, Codable, Hashable {
    /// Whether a message processed more than once still leaves the history clean. At-least-once
    /// delivery allows it; a stack claiming exactly-once does not.
    public var allowDuplicates: Bool
    /// Whether a message that was dead-lettered (rejected without requeue) counts as handled
    /// even though it was never processed.
    public var deadLetteredCountsAsHandled: Bool
    /// Messages that must be dead-lettered (poison): for these, being dead-lettered is the only
    /// correct handling and being processed is an error.
    public var expectedDeadLettered: Set<String>
    /// Whether a message whose publish failed may still show up without being an error. An API
    /// that answers 503 on a publisher-confirm timeout cannot know whether the broker kept the
    /// message, so under broker faults such a message is indeterminate rather than unexpected.
    public var failedPublishesMayAppear: Bool

    public init(
        allowDuplicates: Bool = true,
        deadLetteredCountsAsHandled: Bool = false,
        expectedDeadLettered: Set<String> = [],
        failedPublishesMayAppear: Bool = false
    ) {
        self.allowDuplicates = allowDuplicates
        self.deadLetteredCountsAsHandled = deadLetteredCountsAsHandled
        self.expectedDeadLettered = expectedDeadLettered
        self.failedPublishesMayAppear = failedPublishesMayAppear
    }

    /// At-least-once delivery, nothing dead-lettered.
    public static let atLeastOnce = HistoryPolicy()

    /// Every message processed exactly once.
    public static let exactlyOnce = HistoryPolicy(allowDuplicates: false)
}
