/// Reads Traefik router rules into a ``RuleExpression``.
///
/// Traefik hands a rule to Go's expression parser, so the grammar is Go's: matcher calls with
/// string arguments (backquoted, taken as written, or `"escaped"`), `&&`, `||`, `!` and parentheses. Reading
/// says nothing of which matchers exist or how many arguments they take: ``RuleChecker`` does
/// that for the v3 and v2 syntaxes.
public enum RuleSyntax {
    /// The rule's expression.
    /// - Throws: ``RuleSyntaxError`` with the column where reading stopped: an empty rule,
    ///   unbalanced parentheses or quotes, a non-string argument, an operator Traefik lacks.
    public static func parse(_ rule: String) throws(RuleSyntaxError) -> RuleExpression {
        guard !rule.allSatisfy(\.isWhitespace) else {
            throw RuleSyntaxError(.empty, column: 1)
        }
        if isV1(rule) {
            throw RuleSyntaxError(.v1Syntax, column: 1)
        }
        var lexer = RuleLexer(rule)
        var parser = RuleParser(tokens: try lexer.tokens())
        return try parser.rule()
    }

    /// `Host:example.com`, `PathPrefix:/api;Method:GET`: a name and a colon, no parenthesis first.
    private static func isV1(_ rule: String) -> Bool {
        let trimmed = rule.drop { $0.isWhitespace }
        let name = trimmed.prefix { $0.isLetter }
        guard !name.isEmpty else { return false }
        return trimmed.dropFirst(name.count).first == ":"
    }
}
