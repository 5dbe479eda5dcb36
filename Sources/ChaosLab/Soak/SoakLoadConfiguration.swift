public import Foundation

/// How a soak's load publishes: for how long, how fast, how many at once, and where every
/// attempt is written.
public struct SoakLoadConfiguration: Sendable, Hashable {
    /// How long to publish; the load then waits for the answers still due and stops.
    public var duration: Duration
    /// The run's id, in every token.
    public var runID: String
    /// The first part of every token: `<tokenName>-<runID>-<n>`, n from 1.
    public var tokenName: String
    /// Publishes a second over all lanes, paced by a token bucket; `nil` for as fast as the
    /// stack takes them.
    public var rate: Double?
    /// API: requests in flight at once, each lane one at a time on its own keep-alive
    /// connection. AMQP: connections, each with its own window.
    public var lanes: Int
    /// AMQP: publishes awaiting their confirm per connection.
    public var window: Int
    /// Stop after this many publishes even if time is left; `nil` for no limit.
    public var messageLimit: Int?
    /// How long each message asks a worker to work, where the body template can say so.
    public var workMilliseconds: Int
    /// API: how long a request may take before it counts as unanswered.
    public var requestTimeout: Duration
    /// AMQP: how long a publish waits for its confirm before it counts as unanswered.
    public var confirmTimeout: Duration
    /// How long a lane pauses after a publish got no answer (or a 5xx): a stack that is down
    /// answers at once, and without a pause its outage would be a flood of attempts.
    public var errorPause: Duration
    /// Where every attempt is written (``PublishAttemptJournal``); `nil` keeps only the figures.
    public var journal: URL?

    public init(
        duration: Duration, runID: String, tokenName: String = "soak", rate: Double? = nil, lanes: Int = 8,
        window: Int = 256, messageLimit: Int? = nil, workMilliseconds: Int = 0,
        requestTimeout: Duration = .seconds(10), confirmTimeout: Duration = .seconds(5),
        errorPause: Duration = .milliseconds(100), journal: URL? = nil
    ) {
        self.duration = duration
        self.runID = runID
        self.tokenName = tokenName
        self.rate = rate
        self.lanes = lanes
        self.window = window
        self.messageLimit = messageLimit
        self.workMilliseconds = workMilliseconds
        self.requestTimeout = requestTimeout
        self.confirmTimeout = confirmTimeout
        self.errorPause = errorPause
        self.journal = journal
    }

    /// The token of publish `number`, in the lab's form (``CheckContext/token(_:_:)``), so the
    /// broker observer recognises it.
    public func token(_ number: Int) -> String {
        "\(tokenName)-\(runID)-\(number)"
    }
}
