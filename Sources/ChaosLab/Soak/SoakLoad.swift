import AMQPClient
import Foundation

/// A soak's steady load: publishes the lab's tokens through the stack's API or straight to its
/// broker for a given time, then waits for the answers still due and stops by itself.
///
/// Every attempt ends in one of the three outcomes (``PublishOutcome``), is counted in the
/// second it ended (``PerSecondSeries``), and goes to the journal when there is one; the load
/// itself keeps only the figures, so its memory does not grow with the number of publishes.
/// Cancelling the task that runs ``run()`` stops it at once: what was sent and not answered
/// counts as indeterminate.
public actor SoakLoad {
    public nonisolated let configuration: SoakLoadConfiguration
    public nonisolated let route: PublishRoute
    let transport: SoakTransport

    private var tally = SoakTally(start: Date())
    private var journal: PublishAttemptJournal?
    private var journalError: JournalError?
    private var pacing: TokenBucket?
    /// Tokens handed out so far: the number of the last one.
    private var issued = 0
    /// Handed out and not ended yet.
    private var inFlight = 0
    private var started: ContinuousClock.Instant?
    private var deadline = ContinuousClock.now
    private var finished: ContinuousClock.Instant?
    /// The most publishes in flight at once, for tests of the memory bound.
    private(set) var inFlightHighWater = 0

    /// A load through `target`.
    public init(_ target: SoakTarget, configuration: SoakLoadConfiguration) {
        switch target {
        case .api(let role):
            self.init(transport: .api {
                APIPoster(role: role, lanes: configuration.lanes, workMilliseconds: configuration.workMilliseconds,
                          timeout: configuration.requestTimeout)
            }, configuration: configuration)
        case .amqp(let amqp):
            self.init(transport: .amqp(
                open: { name in try await ChannelPublisher.open(amqp.connect(name)) },
                message: amqp.messages(workMilliseconds: configuration.workMilliseconds)
            ), configuration: configuration)
        }
    }

    init(transport: SoakTransport, configuration: SoakLoadConfiguration) {
        self.transport = transport
        self.configuration = configuration
        self.route = transport.route
    }

    /// Publishes for ``SoakLoadConfiguration/duration`` (or until the message limit), waits
    /// for the answers still due, and returns what happened. Call it once.
    /// - Throws: ``SoakLoadError`` on a second call, ``JournalError`` when the journal could
    ///   not be written (the load stops at the first failure).
    public func run() async throws -> SoakLoadResult {
        guard started == nil else { throw SoakLoadError(reason: "A soak load runs once; make a new one for another run.") }
        if let url = configuration.journal { journal = try PublishAttemptJournal(url: url) }
        let lanes: Lanes = switch transport {
        case .api(let makePoster): .api(makePoster())
        case .amqp(let open, let message): .amqp(open: open, message: message)
        }
        // The clock starts once the journal and the HTTP client exist, so making them does not
        // eat into the duration.
        let start = ContinuousClock.now
        started = start
        deadline = start + configuration.duration
        tally = SoakTally(start: Date())
        if let rate = configuration.rate { pacing = TokenBucket(rate: rate, now: start) }
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<max(1, configuration.lanes) {
                group.addTask { await self.runLane(lane, lanes) }
            }
        }
        finished = ContinuousClock.now
        if case .api(let poster) = lanes { await poster.shutdown() }
        do {
            try journal?.close()
        } catch {
            journalError = journalError ?? error
        }
        if let journalError { throw journalError }
        return result
    }

    /// Where the load stands now, for a progress line.
    public func snapshot() -> SoakProgress {
        let elapsed = started.map { (finished ?? .now) - $0 } ?? .zero
        let second = tally.series[Int(elapsed.seconds) - 1]
        return SoakProgress(
            elapsed: elapsed, acknowledged: tally.acknowledged, refused: tally.refused,
            indeterminate: tally.indeterminate, inFlight: inFlight, ackedPerSecond: second.acknowledged,
            errorsPerSecond: second.refused + second.indeterminate)
    }

    /// What happened so far (all of it, once ``run()`` returned).
    public var result: SoakLoadResult {
        let elapsed = started.map { (finished ?? .now) - $0 } ?? .zero
        return SoakLoadResult(
            route: route, started: tally.series.start, elapsed: elapsed, acknowledged: tally.acknowledged,
            refused: tally.refused, indeterminate: tally.indeterminate, series: tally.series,
            publishLatency: tally.publishLatency.summary)
    }

    /// Send-to-answer latencies of the acknowledged publishes so far.
    public var publishLatency: LatencyHistogram { tally.publishLatency }

    /// The journal's buffer high-water mark in bytes, for tests of the memory bound.
    var journalBufferHighWater: Int { journal?.bufferHighWater ?? 0 }

    private nonisolated func runLane(_ lane: Int, _ lanes: Lanes) async {
        switch lanes {
        case .api(let poster): await runAPILane(poster)
        case .amqp(let open, let message): await runAMQPLane(lane, open: open, message: message)
        }
    }

    // MARK: - Handing out tokens

    /// Whether more publishes may start: not cancelled, before the deadline, under the limit,
    /// and the journal still written.
    func mayIssue() -> Bool {
        !Task.isCancelled && journalError == nil && ContinuousClock.now < deadline
            && issued < (configuration.messageLimit ?? .max)
    }

    /// The next token for an API lane, and when it may be sent; `nil` once the load is over.
    func permit() -> Permit? {
        guard mayIssue() else { return nil }
        let now = ContinuousClock.now
        let slot = pacing?.reserve(now: now) ?? now
        guard slot < deadline else { return nil }
        return Permit(token: issue(1)[0], notBefore: slot)
    }

    /// Up to `count` tokens for an AMQP lane, as many as pacing allows now.
    func permits(upTo count: Int) -> Grant {
        guard mayIssue() else { return Grant(tokens: [], isOver: true, nextToken: nil) }
        let now = ContinuousClock.now
        var allowed = min(count, (configuration.messageLimit ?? .max) - issued)
        var next: ContinuousClock.Instant?
        if var bucket = pacing {
            allowed = bucket.take(upTo: allowed, now: now)
            next = min(bucket.nextToken(now: now), deadline)
            pacing = bucket
        }
        return Grant(tokens: issue(allowed), isOver: false, nextToken: next)
    }

    private func issue(_ count: Int) -> [String] {
        guard count > 0 else { return [] }
        let tokens = (issued + 1...issued + count).map(configuration.token)
        issued += count
        inFlight += count
        inFlightHighWater = max(inFlightHighWater, inFlight)
        return tokens
    }

    /// Tokens handed out that were never sent (the lane was cancelled while waiting for its slot).
    func withdraw(_ count: Int) {
        inFlight -= count
    }

    // MARK: - Recording

    /// Counts and journals `attempts`, which all ended at `answeredAt`.
    func record(_ attempts: [PublishAttempt], answeredAt: ContinuousClock.Instant) {
        guard let started else { return }
        let second = Int((answeredAt - started).seconds.rounded(.down))
        for attempt in attempts {
            tally.record(attempt.outcome, took: attempt.took, second: second)
            guard let journal, journalError == nil else { continue }
            do {
                try journal.append(attempt)
            } catch {
                journalError = error
            }
        }
        inFlight -= attempts.count
    }
}

extension SoakLoad {
    /// What the lanes of a running load share.
    enum Lanes: Sendable {
        case api(any SoakPoster)
        case amqp(open: @Sendable (String) async throws -> any SoakPublisher, message: @Sendable (String) -> AMQPOutgoingMessage)
    }

    /// A token for an API lane and the moment its request may go.
    struct Permit: Sendable {
        let token: String
        let notBefore: ContinuousClock.Instant
    }

    /// Tokens for an AMQP lane.
    struct Grant: Sendable {
        let tokens: [String]
        /// No more tokens will come: the deadline passed, the limit was reached, or the load
        /// was cancelled.
        let isOver: Bool
        /// When pacing has the next token; `nil` without pacing (as many as the window takes).
        let nextToken: ContinuousClock.Instant?
    }
}
