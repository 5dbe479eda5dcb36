/// What a check concluded about its property.
public enum Verdict: String, Sendable, Codable, Hashable, CaseIterable {
    /// The property held, and the figures say by how much.
    case pass
    /// The property did not hold; the result's reason says what went wrong.
    case fail
    /// The stack does not claim the property (no dead-letter queue, no proxy, …).
    case notApplicable = "not-applicable"
    /// The lab could not observe what the check needs (the broker's management API unreachable,
    /// the firehose refused, a fault that landed too late, the check itself threw), so it
    /// concludes nothing about the stack; the reason says what was missing. Never a fail: a
    /// verdict is a claim about someone's work, and this one makes none.
    case inconclusive
}

extension Verdict {
    /// The verdict as reports write it: `pass`, `fail`, `not applicable`, `inconclusive`.
    public var word: String {
        self == .notApplicable ? "not applicable" : rawValue
    }
}
