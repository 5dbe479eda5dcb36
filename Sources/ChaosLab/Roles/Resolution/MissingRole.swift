/// A field of the roles schema nobody declared and the lab could not guess, and what that
/// costs: the checks that will not apply, or will apply only in part.
public struct MissingRole: Sendable, Codable, Hashable {
    /// The schema field, e.g. `dead_letter_queue`.
    public var field: RoleField
    /// Whether no check can run without it (the broker, the workers, the work queue).
    public var isEssential: Bool
    /// What is lost, in a sentence.
    public var consequence: String
    /// The checks it affects.
    public var checks: [String]

    public init(field: RoleField, isEssential: Bool = false, consequence: String, checks: [String]) {
        self.field = field
        self.isEssential = isEssential
        self.consequence = consequence
        self.checks = checks
    }
}
