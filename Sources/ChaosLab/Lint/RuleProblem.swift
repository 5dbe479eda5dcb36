/// One thing wrong with a router rule, found by ``RuleChecker``.
public struct RuleProblem: Sendable, Hashable {
    /// ``LintRule/ruleSyntax`` or ``LintRule/ruleV2Syntax``.
    public var rule: LintRule
    public var severity: LintSeverity
    /// What is wrong and how to write it instead.
    public var message: String

    public init(rule: LintRule, severity: LintSeverity = .error, message: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
    }
}
