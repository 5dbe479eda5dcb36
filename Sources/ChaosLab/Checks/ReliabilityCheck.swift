/// One property a stack claims, checked live: it drives the stack, injects its faults and
/// concludes with figures and evidence.
///
/// A check only sees the stack through its ``CheckContext`` (roles, broker, HTTP, faults), so
/// it runs unchanged on the reference stack and on a stack it did not write.
public protocol ReliabilityCheck: Sendable {
    /// Stable name used on the command line and in reports, e.g. `round-robin`.
    var name: String { get }
    /// The property in words, e.g. "Round-robin delivery".
    var title: String { get }
    /// What must hold for a pass, in one or two sentences.
    var expectation: String { get }
    /// Knobs of the reference fixtures that break exactly this property: with any of them on,
    /// the check must fail.
    var mutants: [FixtureKnob] { get }

    /// Runs the check. Throwing means the check could not conclude (verdict
    /// ``Verdict/inconclusive``, with the error as the reason); a property that does not hold
    /// is a returned ``CheckOutcome`` with ``Verdict/fail``, and a property the lab could not
    /// observe is one with ``Verdict/inconclusive``.
    func run(in context: CheckContext) async throws -> CheckOutcome
}

/// What a check concluded, before the runner adds timing and the faults it injected.
public struct CheckOutcome: Sendable, Hashable {
    public var verdict: Verdict
    public var reason: String
    public var figures: [Figure]
    public var evidence: [Evidence]
    public var messages: [MessageTrace]
    /// A soak's own account, for its report section; `nil` for every other check.
    public var soak: SoakSummary?

    public init(
        verdict: Verdict, reason: String, figures: [Figure] = [], evidence: [Evidence] = [], messages: [MessageTrace] = [],
        soak: SoakSummary? = nil
    ) {
        self.verdict = verdict
        self.reason = reason
        self.figures = figures
        self.evidence = evidence
        self.messages = messages
        self.soak = soak
    }

    /// A pass, with what was measured.
    public static func pass(_ reason: String, figures: [Figure] = [], evidence: [Evidence] = [], messages: [MessageTrace] = []) -> Self {
        Self(verdict: .pass, reason: reason, figures: figures, evidence: evidence, messages: messages)
    }

    /// A failure, with a reason naming what went wrong.
    public static func fail(_ reason: String, figures: [Figure] = [], evidence: [Evidence] = [], messages: [MessageTrace] = []) -> Self {
        Self(verdict: .fail, reason: reason, figures: figures, evidence: evidence, messages: messages)
    }

    /// The stack does not claim the property.
    public static func notApplicable(_ reason: String) -> Self {
        Self(verdict: .notApplicable, reason: reason)
    }

    /// The lab could not observe what it needed; `reason` says what was missing.
    public static func inconclusive(_ reason: String, figures: [Figure] = [], evidence: [Evidence] = [], messages: [MessageTrace] = []) -> Self {
        Self(verdict: .inconclusive, reason: reason, figures: figures, evidence: evidence, messages: messages)
    }
}
