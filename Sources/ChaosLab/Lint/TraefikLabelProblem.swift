/// A label whose key Traefik does not know, found while reading a container's labels.
public struct TraefikLabelProblem: Sendable, Hashable {
    public var label: TraefikLabel
    /// ``LintRule/unknownLabel`` or ``LintRule/v1Label``.
    public var rule: LintRule
    public var severity: LintSeverity
    public var message: String

    public init(label: TraefikLabel, rule: LintRule, severity: LintSeverity, message: String) {
        self.label = label
        self.rule = rule
        self.severity = severity
        self.message = message
    }
}
