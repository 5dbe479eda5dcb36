/// Whether a check can judge a stack with the roles found for it, decided before anything
/// runs, with the same conditions the check itself applies.
public struct CheckApplicability: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        /// Every part of the check can run.
        case applies
        /// The check runs, but some of its parts are skipped or lack evidence.
        case limited
        /// The check will end not-applicable: the stack does not claim the property, as far as
        /// its roles say.
        case notApplicable = "not-applicable"
        /// No check can run: the broker, the workers or the work queue are unknown.
        case cannotRun = "cannot-run"
    }

    /// The check's name, e.g. `dead-letter`.
    public var check: String
    public var status: Status
    /// Why it does not apply, or what is skipped; empty when it applies fully.
    public var reasons: [String]

    public init(check: String, status: Status, reasons: [String] = []) {
        self.check = check
        self.status = status
        self.reasons = reasons
    }
}
