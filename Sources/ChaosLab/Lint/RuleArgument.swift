/// One string argument of a matcher call.
public struct RuleArgument: Sendable, Hashable {
    /// How the string was quoted.
    public enum Quote: String, Sendable, Hashable {
        /// A backquoted string: taken as written, the form Traefik's documentation uses.
        case backtick
        /// `"escaped"`: Go's escapes apply, so `\.` in a regular expression is an error.
        case doubleQuote
    }

    /// The text, with quotes removed and escapes applied.
    public var value: String
    /// How it was quoted.
    public var quote: Quote
    /// Where the opening quote is in the rule, counted from 1.
    public var column: Int

    public init(value: String, quote: Quote = .backtick, column: Int = 1) {
        self.value = value
        self.quote = quote
        self.column = column
    }
}
