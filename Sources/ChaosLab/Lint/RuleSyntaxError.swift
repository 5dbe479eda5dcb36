/// A router rule that cannot be parsed at all, with the column where reading stopped.
public struct RuleSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Code: Sendable, Hashable {
        /// The rule is empty or blank.
        case empty
        /// A backquoted or `"` string is never closed.
        case unterminatedString(quote: Character)
        /// A `(` is never closed.
        case unclosedParenthesis
        /// A `)` closes nothing.
        case unopenedParenthesis
        /// Something other than a string where a matcher argument belongs.
        case argumentNotString(found: String)
        /// A `'…'` string: Go reads single quotes as one character, not as text.
        case singleQuotes
        /// An escape a Go `"…"` string does not allow, such as `\.`.
        case invalidEscape(sequence: String)
        /// `&`, `|`, `and`, `or` and the like where `&&` or `||` belongs.
        case invalidOperator(found: String)
        /// Traefik v1's `Host:example.com` form.
        case v1Syntax
        /// Anything else that does not belong where it is.
        case unexpected(found: String, expected: String)
    }

    /// What is wrong.
    public var code: Code
    /// Where, counted from 1.
    public var column: Int

    public init(_ code: Code, column: Int) {
        self.code = code
        self.column = column
    }

    public var description: String {
        switch code {
        case .empty:
            return "The rule is empty; Traefik refuses a router with an empty rule."
        case .unterminatedString(let quote):
            return "Unbalanced \(quote == "`" ? "backtick" : "double quote"): the string opened at column \(column) is never closed."
        case .unclosedParenthesis:
            return "Unbalanced parentheses: the `(` at column \(column) is never closed."
        case .unopenedParenthesis:
            return "Unbalanced parentheses: the `)` at column \(column) closes nothing."
        case .argumentNotString(let found):
            return "Matcher arguments must be strings in backticks; found \(found) at column \(column)."
        case .singleQuotes:
            return "Single quotes at column \(column) do not delimit a string in Traefik rules; use backticks."
        case .invalidEscape(let sequence):
            return "`\(sequence)` at column \(column) is not a valid escape in a double-quoted string; use backticks, which take text as written."
        case .invalidOperator(let found):
            return "`\(found)` at column \(column) is not an operator; join matchers with `&&` or `||` and negate with `!`."
        case .v1Syntax:
            return "This is Traefik v1's rule syntax (`Host:example.com`); v3 wants matcher calls such as Host(`example.com`)."
        case .unexpected(let found, let expected):
            return "Unexpected \(found) at column \(column); expected \(expected)."
        }
    }
}
