/// One token of a router rule, with the column where it starts (counted from 1).
struct RuleToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case string(String, RuleArgument.Quote)
        case number(String)
        case openParenthesis
        case closeParenthesis
        case comma
        case and
        case or
        case not
        /// An operator Go knows but Traefik's rules do not (`&`, `|`, `==`, …).
        case otherOperator(String)
        case end
    }

    var kind: Kind
    var column: Int

    /// The token as a message names it.
    var described: String {
        switch kind {
        case .identifier(let name): "`\(name)`"
        case .string(let value, _): "the string `\(value)`"
        case .number(let text): "the number \(text)"
        case .openParenthesis: "`(`"
        case .closeParenthesis: "`)`"
        case .comma: "`,`"
        case .and: "`&&`"
        case .or: "`||`"
        case .not: "`!`"
        case .otherOperator(let text): "`\(text)`"
        case .end: "the end of the rule"
        }
    }
}
