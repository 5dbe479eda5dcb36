/// A `$` expression in a compose file that compose itself would refuse.
public struct ComposeInterpolationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that holds the expression.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String {
        "Invalid interpolation in \"\(text)\": \(reason)."
    }
}
