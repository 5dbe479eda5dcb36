/// A worker-evidence pattern that cannot be used to read worker output.
public struct WorkerPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the pattern.
    public enum Code: Sendable, Hashable {
        /// It is not a valid regular expression.
        case invalid(problem: String)
        /// It has no named group `token` to capture the lab's token, and it needs one (the
        /// received pattern; the done and rejected patterns may leave it out).
        case missingTokenGroup
    }

    /// Which pattern, e.g. `donePattern`.
    public var field: String
    /// The pattern as written.
    public var pattern: String
    /// What is wrong.
    public var code: Code

    public init(field: String, pattern: String, code: Code) {
        self.field = field
        self.pattern = pattern
        self.code = code
    }

    public var description: String {
        switch code {
        case .invalid(let problem):
            "The worker evidence \(field) `\(pattern)` is not a valid regular expression: \(problem)."
        case .missingTokenGroup:
            "The worker evidence \(field) `\(pattern)` has no named group `token`, so it cannot say which message a worker started on; write it as (?<token>...). Only donePattern and rejectedPattern may leave it out."
        }
    }
}
