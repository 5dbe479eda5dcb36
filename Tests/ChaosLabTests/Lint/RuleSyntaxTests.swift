@testable import ChaosLab
import Testing

@Suite("Rule syntax")
struct RuleSyntaxTests {
    @Test("precedence: || below && below !")
    func precedence() throws {
        let expression = try RuleSyntax.parse("Host(`a`) || !Path(`/b`) && PathPrefix(`/c`)")
        let host = RuleMatcher(name: "Host", arguments: [RuleArgument(value: "a", column: 6)], column: 1)
        let path = RuleMatcher(name: "Path", arguments: [RuleArgument(value: "/b", column: 20)], column: 15)
        let prefix = RuleMatcher(name: "PathPrefix", arguments: [RuleArgument(value: "/c", column: 40)], column: 29)
        #expect(expression == .or(.matcher(host), .and(.not(.matcher(path)), .matcher(prefix))))
        #expect(expression.matchers.map(\.name) == ["Host", "Path", "PathPrefix"])
    }

    @Test("double-quoted strings take Go's escapes; a trailing comma is allowed")
    func strings() throws {
        let expression = try RuleSyntax.parse("Header(\"X-A\", \"a\\tb\",)")
        #expect(expression.matchers.first?.arguments.map(\.value) == ["X-A", "a\tb"])
        #expect(expression.matchers.first?.arguments.first?.quote == .doubleQuote)
    }

    static let unreadable: [(rule: String, code: RuleSyntaxError.Code, column: Int)] = [
        ("", .empty, 1),
        ("   ", .empty, 1),
        ("PathPrefix(`/api`", .unclosedParenthesis, 11),
        ("(Host(`a`) || Path(`/b`)", .unclosedParenthesis, 1),
        ("PathPrefix(`/api`))", .unopenedParenthesis, 19),
        ("PathPrefix(`/api)", .unterminatedString(quote: "`"), 12),
        ("Path(\"/api)", .unterminatedString(quote: "\""), 6),
        ("PathPrefix('/api')", .singleQuotes, 12),
        ("HostRegexp(\"^a\\.b$\")", .invalidEscape(sequence: "\\."), 15),
        ("Host(`a`) and Path(`/`)", .invalidOperator(found: "and"), 11),
        ("Host(`a`) & Path(`/`)", .invalidOperator(found: "&"), 11),
        ("Host(`a`) Path(`/`)", .unexpected(found: "`Path`", expected: "`&&` or `||` between matchers"), 11),
        ("Path(42)", .argumentNotString(found: "42"), 6),
        ("Path(`/a` `/b`)", .unexpected(found: "the string `/b`", expected: "`,` or `)` after an argument"), 11),
        ("Host:example.com", .v1Syntax, 1),
        ("Host(`a`) &&", .unexpected(found: "the end of the rule", expected: "a matcher such as PathPrefix(`/api`)"), 13),
    ]

    @Test("unreadable rules name the problem and the column", arguments: unreadable)
    func unreadableRules(_ row: (rule: String, code: RuleSyntaxError.Code, column: Int)) {
        #expect(throws: RuleSyntaxError(row.code, column: row.column)) {
            try RuleSyntax.parse(row.rule)
        }
    }

    @Test("error messages are full sentences")
    func messages() {
        let error = RuleSyntaxError(.unclosedParenthesis, column: 11)
        #expect(error.description == "Unbalanced parentheses: the `(` at column 11 is never closed.")
        #expect(RuleSyntaxError(.unterminatedString(quote: "`"), column: 3).description.hasPrefix("Unbalanced backtick"))
    }
}

@Suite("Rule checker")
struct RuleCheckerTests {
    static let v3Clean = [
        "Host(`example.com`)",
        "Host(`*`)",
        "HostRegexp(`^.+\\.example\\.com$`)",
        "PathPrefix(`/api`) && Method(`POST`)",
        "Path(`/health`) || PathRegexp(`^/users/[0-9]{2,4}$`)",
        "Header(`X-A`, `b`) && HeaderRegexp(`X-B`, `^c`)",
        "Query(`mobile`) || Query(`mobile`, `true`) || QueryRegexp(`id`, `^[0-9]+$`)",
        "ClientIP(`192.168.1.0/24`) || ClientIP(`::1`) || ClientIP(`fe80::/10`)",
        "PATHPREFIX(`/a`) || pathprefix(`/b`) || Pathprefix(`/c`)",
    ]

    @Test("v3 rules Traefik takes have no problems", arguments: v3Clean)
    func clean(_ rule: String) {
        #expect(RuleChecker().problems(in: rule).isEmpty)
    }

    static let v3Problems: [(rule: String, check: LintRule, fragment: String)] = [
        ("Host(`a.com`, `b.com`)", .ruleV2Syntax, "Host(`a.com`) || Host(`b.com`)"),
        ("HostRegexp(`{sub:[a-z]+}.example.com`)", .ruleV2Syntax, "placeholders"),
        ("HostRegexp(`{sub}.example.com`)", .ruleV2Syntax, "placeholders"),
        ("Headers(`X-A`, `b`)", .ruleV2Syntax, "Header(`X-Name`, `value`)"),
        ("HeadersRegexp(`X-A`, `^b`)", .ruleV2Syntax, "HeaderRegexp"),
        ("HostHeader(`a.com`)", .ruleV2Syntax, "Host(`example.com`)"),
        ("Query(`mobile=true`)", .ruleV2Syntax, "Query(`mobile`, `true`)"),
        ("Query(`a=1`, `b=2`)", .ruleV2Syntax, "Query(`a`, `1`) && Query(`b`, `2`)"),
        ("Method(`GET`, `POST`)", .ruleV2Syntax, "Method(`GET`) || Method(`POST`)"),
        ("ClientIP(`10.0.0.1`, `10.0.0.2`)", .ruleV2Syntax, "ClientIP(`10.0.0.1`) || ClientIP(`10.0.0.2`)"),
        ("PathPrefix(`/users/{id}`)", .ruleV2Syntax, "PathRegexp"),
        ("pathPrefix(`/a`)", .ruleSyntax, "write `PathPrefix`"),
        ("Domain(`a.com`)", .ruleSyntax, "does not know the matcher `Domain`"),
        ("HostSNI(`a.com`)", .ruleSyntax, "TCP routers"),
        ("PathPrefixStrip(`/a`)", .ruleSyntax, "stripprefix"),
        ("Header(`X-A`)", .ruleSyntax, "takes 2 arguments"),
        ("Path()", .ruleSyntax, "takes 1 argument"),
        ("Path(`api`)", .ruleSyntax, "must start with `/`"),
        ("Host(``)", .ruleSyntax, "is empty"),
        ("Host(`http://a.com`)", .ruleSyntax, "never matches"),
        ("ClientIP(`10.0.0.0/33`)", .ruleSyntax, "not an IP address"),
        ("PathRegexp(`^/(?!admin)`)", .ruleSyntax, "negative lookahead"),
        ("HostRegexp(`(a`)", .ruleSyntax, "not a valid regular expression"),
        ("PathRegexp(`^/(a)\\1$`)", .ruleSyntax, "backreference"),
        ("Path(`/a`", .ruleSyntax, "never closed"),
    ]

    @Test("v3 problems name the check and how to write it", arguments: v3Problems)
    func problems(_ row: (rule: String, check: LintRule, fragment: String)) throws {
        let problems = RuleChecker().problems(in: row.rule)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.rule == row.check)
        #expect(problem.message.contains(row.fragment), "\(problem.message)")
    }

    @Test("TCP routers have their own matchers")
    func tcp() {
        let checker = RuleChecker(protocolKind: .tcp)
        #expect(checker.problems(in: "HostSNI(`*`)").isEmpty)
        #expect(checker.problems(in: "HostSNI(`a.com`) && ALPN(`h2`)").isEmpty)
        #expect(checker.problems(in: "HostSNI(`a.com`, `b.com`)").map(\.rule) == [.ruleV2Syntax])
        #expect(checker.problems(in: "PathPrefix(`/`)").first?.message.contains("HTTP routers") == true)
    }

    @Test("a router on the v2 syntax takes v2 forms and refuses v3-only matchers")
    func v2Dialect() {
        let checker = RuleChecker(dialect: .v2)
        #expect(checker.problems(in: "Host(`a.com`, `b.com`) && Headers(`X`, `y`)").isEmpty)
        #expect(checker.problems(in: "HostRegexp(`{sub:[a-z]+}.a.com`)").isEmpty)
        #expect(checker.problems(in: "PathRegexp(`^/a`)").first?.message.contains("v3 syntax") == true)
    }

    @Test("placeholders are told from repetitions")
    func placeholders() {
        #expect(RuleV2Forms.hasPlaceholder("{sub:[a-z]+}.a.com"))
        #expect(RuleV2Forms.hasPlaceholder("/users/{id}"))
        #expect(!RuleV2Forms.hasPlaceholder("^[a-z]{2,3}\\.com$"))
        #expect(!RuleV2Forms.hasPlaceholder("^a{2}$"))
    }
}
