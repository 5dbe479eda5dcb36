import Foundation

/// Checks a router rule against the matchers Traefik has: names, numbers of arguments, and
/// what each argument must look like, with the v2 forms that v3 refuses or reads differently
/// called out as such.
public struct RuleChecker: Sendable {
    /// HTTP or TCP (UDP routers have no rule).
    public var protocolKind: RouterProtocol
    /// The syntax the router's rule is read with.
    public var dialect: RuleDialect

    public init(protocolKind: RouterProtocol = .http, dialect: RuleDialect = .v3) {
        self.protocolKind = protocolKind
        self.dialect = dialect
    }

    /// The problems of `rule`; none for a rule Traefik reads as meant.
    public func problems(in rule: String) -> [RuleProblem] {
        let expression: RuleExpression
        do {
            expression = try RuleSyntax.parse(rule)
        } catch {
            return [RuleProblem(rule: .ruleSyntax, message: error.description)]
        }
        return expression.matchers.flatMap(problems(of:))
    }

    /// The problems of one matcher call.
    public func problems(of matcher: RuleMatcher) -> [RuleProblem] {
        let catalogue = RuleMatcherSpec.catalogue(for: protocolKind, dialect: dialect)
        guard let spec = catalogue.first(where: { $0.accepts(matcher.name) }) else {
            return [unknown(matcher, catalogue: catalogue)]
        }
        if let empty = matcher.arguments.firstIndex(where: { $0.value.isEmpty }) {
            return [RuleProblem(rule: .ruleSyntax, message: "Argument \(empty + 1) of \(spec.name) is empty; Traefik refuses empty matcher arguments.")]
        }
        if dialect == .v3, let v2 = RuleV2Forms.problem(of: matcher, spec: spec) {
            return [v2]
        }
        guard spec.arguments.contains(matcher.arguments.count) else {
            let wanted = spec.arguments.lowerBound == spec.arguments.upperBound
                ? "\(spec.arguments.lowerBound)"
                : spec.arguments.upperBound == Int.max ? "at least \(spec.arguments.lowerBound)" : "\(spec.arguments.lowerBound) or \(spec.arguments.upperBound)"
            return [RuleProblem(rule: .ruleSyntax, message: "\(spec.name) takes \(wanted) argument\(wanted == "1" ? "" : "s") (\(spec.signature)), not \(matcher.arguments.count).")]
        }
        return RuleArgumentCheck(spec: spec, dialect: dialect).problems(matcher.arguments)
    }

    private func unknown(_ matcher: RuleMatcher, catalogue: [RuleMatcherSpec]) -> RuleProblem {
        let lower = matcher.name.lowercased()
        if let spec = catalogue.first(where: { $0.name.lowercased() == lower }) {
            return RuleProblem(rule: .ruleSyntax, message: "Traefik does not know the matcher `\(matcher.name)`: matcher names are case-sensitive; write `\(spec.name)`.")
        }
        if dialect == .v3, let renamed = RuleV2Forms.renamed[lower] {
            return RuleProblem(rule: .ruleV2Syntax, message: "`\(matcher.name)` is Traefik v2 syntax that v3 refuses; write \(renamed).")
        }
        if dialect == .v2, let spec = RuleMatcherSpec.catalogue(for: protocolKind, dialect: .v3).first(where: { $0.name.lowercased() == lower }) {
            return RuleProblem(rule: .ruleSyntax, message: "`\(matcher.name)` is Traefik v3 syntax, but this router reads its rule with the v2 syntax (ruleSyntax=v2); drop ruleSyntax and write \(spec.signature).")
        }
        if lower == "pathprefixstrip" || lower == "pathstrip" || lower == "addprefix" {
            return RuleProblem(rule: .ruleSyntax, message: "`\(matcher.name)` is a Traefik v1 matcher; match with PathPrefix(`/prefix`) and strip the prefix with a stripprefix middleware.")
        }
        let other: RouterProtocol = protocolKind == .http ? .tcp : .http
        if RuleMatcherSpec.catalogue(for: other, dialect: .v3).contains(where: { $0.name.lowercased() == lower }) {
            return RuleProblem(rule: .ruleSyntax, message: "`\(matcher.name)` is a matcher of \(other.rawValue.uppercased()) routers; an \(protocolKind.rawValue.uppercased()) router cannot use it.")
        }
        let names = catalogue.map(\.name).joined(separator: ", ")
        return RuleProblem(rule: .ruleSyntax, message: "Traefik does not know the matcher `\(matcher.name)`; \(protocolKind.rawValue.uppercased()) routers have \(names).")
    }
}
