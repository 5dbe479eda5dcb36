public import Foundation

/// The outcome of one check on one stack: the verdict, why, what was measured, what it saw.
public struct CheckResult: Sendable, Codable, Hashable {
    /// The check's name, e.g. `round-robin`.
    public var check: String
    /// The property in words, e.g. "Round-robin delivery".
    public var title: String
    /// The verdict.
    public var verdict: Verdict
    /// Why, in one or a few full sentences: for a failure, what went wrong, naming messages
    /// and services ("1 message lost: m-17 was delivered to worker2 and never processed").
    public var reason: String
    /// What the check expected, in words.
    public var expectation: String
    /// The numbers it measured.
    public var figures: [Figure]
    /// What it saw.
    public var evidence: [Evidence]
    /// The faults it injected, in order.
    public var faults: [FaultEvent]
    /// The messages it followed, per worker, for timelines.
    public var messages: [MessageTrace]
    /// A soak's own account (its chart, schedule, checker table and lost messages); `nil` for
    /// every other check.
    public var soak: SoakSummary?
    /// When it started.
    public var startedAt: Date
    /// How long it took, setup and cleanup included.
    @SecondsCoded public var duration: Duration

    public init(
        check: String,
        title: String,
        verdict: Verdict,
        reason: String,
        expectation: String,
        figures: [Figure] = [],
        evidence: [Evidence] = [],
        faults: [FaultEvent] = [],
        messages: [MessageTrace] = [],
        soak: SoakSummary? = nil,
        startedAt: Date,
        duration: Duration
    ) {
        self.check = check
        self.title = title
        self.verdict = verdict
        self.reason = reason
        self.expectation = expectation
        self.figures = figures
        self.evidence = evidence
        self.faults = faults
        self.messages = messages
        self.soak = soak
        self.startedAt = startedAt
        self.duration = duration
    }

    /// A figure by key.
    public func figure(_ key: String) -> Figure? {
        figures.first { $0.key == key }
    }
}
