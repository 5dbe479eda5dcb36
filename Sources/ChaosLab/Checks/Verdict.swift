/// What a check concluded about its property.
public enum Verdict: String, Sendable, Codable, Hashable, CaseIterable {
    /// The property held, and the figures say by how much.
    case pass
    /// The property did not hold; the result's reason says what went wrong.
    case fail
    /// The stack does not claim the property (no dead-letter queue, no proxy, …).
    case notApplicable = "not-applicable"
    /// The check could not reach a conclusion: the stack or the lab itself misbehaved.
    case error
}
