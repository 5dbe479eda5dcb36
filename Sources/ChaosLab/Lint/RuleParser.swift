/// A recursive-descent reader over ``RuleToken``s with Go's precedence: `||` below `&&` below `!`.
struct RuleParser {
    private let tokens: [RuleToken]
    private var position = 0

    init(tokens: [RuleToken]) {
        self.tokens = tokens
    }

    /// The whole rule; anything left over after one expression is an error.
    mutating func rule() throws(RuleSyntaxError) -> RuleExpression {
        let expression = try orExpression()
        let rest = peek
        switch rest.kind {
        case .end:
            return expression
        case .closeParenthesis:
            throw RuleSyntaxError(.unopenedParenthesis, column: rest.column)
        default:
            throw misplacedOperator(rest) ?? RuleSyntaxError(.unexpected(found: rest.described, expected: "`&&` or `||` between matchers"), column: rest.column)
        }
    }

    private var peek: RuleToken {
        tokens[min(position, tokens.count - 1)]
    }

    private mutating func advance() {
        position += 1
    }

    private mutating func orExpression() throws(RuleSyntaxError) -> RuleExpression {
        var left = try andExpression()
        while peek.kind == .or {
            advance()
            left = .or(left, try andExpression())
        }
        return left
    }

    private mutating func andExpression() throws(RuleSyntaxError) -> RuleExpression {
        var left = try unary()
        while peek.kind == .and {
            advance()
            left = .and(left, try unary())
        }
        return left
    }

    private mutating func unary() throws(RuleSyntaxError) -> RuleExpression {
        if peek.kind == .not {
            advance()
            return .not(try unary())
        }
        return try primary()
    }

    private mutating func primary() throws(RuleSyntaxError) -> RuleExpression {
        let token = peek
        switch token.kind {
        case .openParenthesis:
            advance()
            let inner = try orExpression()
            let close = peek
            switch close.kind {
            case .closeParenthesis:
                advance()
                return inner
            case .end:
                throw RuleSyntaxError(.unclosedParenthesis, column: token.column)
            default:
                throw misplacedOperator(close) ?? RuleSyntaxError(.unexpected(found: close.described, expected: "`&&`, `||` or `)`"), column: close.column)
            }
        case .identifier(let name):
            if let error = misplacedOperator(token) { throw error }
            advance()
            return .matcher(try call(name: name, column: token.column))
        case .closeParenthesis:
            throw RuleSyntaxError(.unopenedParenthesis, column: token.column)
        case .end:
            throw RuleSyntaxError(.unexpected(found: token.described, expected: "a matcher such as PathPrefix(`/api`)"), column: token.column)
        default:
            throw misplacedOperator(token) ?? RuleSyntaxError(.unexpected(found: token.described, expected: "a matcher such as PathPrefix(`/api`)"), column: token.column)
        }
    }

    /// `Name(args…)` after the name; Go allows a comma after the last argument.
    private mutating func call(name: String, column: Int) throws(RuleSyntaxError) -> RuleMatcher {
        let open = peek
        guard open.kind == .openParenthesis else {
            throw RuleSyntaxError(.unexpected(found: open.described, expected: "`(` after the matcher name `\(name)`"), column: open.column)
        }
        advance()
        var arguments: [RuleArgument] = []
        while true {
            let token = peek
            switch token.kind {
            case .closeParenthesis:
                advance()
                return RuleMatcher(name: name, arguments: arguments, column: column)
            case .string(let value, let quote):
                advance()
                arguments.append(RuleArgument(value: value, quote: quote, column: token.column))
            case .end:
                throw RuleSyntaxError(.unclosedParenthesis, column: open.column)
            case .number(let text):
                throw RuleSyntaxError(.argumentNotString(found: text), column: token.column)
            case .identifier(let text):
                throw RuleSyntaxError(.argumentNotString(found: "`\(text)`"), column: token.column)
            default:
                throw RuleSyntaxError(.unexpected(found: token.described, expected: "a string in backticks"), column: token.column)
            }
            let separator = peek
            switch separator.kind {
            case .comma:
                advance()
            case .closeParenthesis:
                continue
            case .end:
                throw RuleSyntaxError(.unclosedParenthesis, column: open.column)
            default:
                throw RuleSyntaxError(.unexpected(found: separator.described, expected: "`,` or `)` after an argument"), column: separator.column)
            }
        }
    }

    /// `and`, `or`, `not`, `&`, `|`, `==` and the like, where Traefik needs `&&`, `||` or `!`.
    private func misplacedOperator(_ token: RuleToken) -> RuleSyntaxError? {
        switch token.kind {
        case .identifier(let name) where ["and", "or", "not"].contains(name.lowercased()):
            RuleSyntaxError(.invalidOperator(found: name), column: token.column)
        case .otherOperator(let text):
            RuleSyntaxError(.invalidOperator(found: text), column: token.column)
        default:
            nil
        }
    }
}
