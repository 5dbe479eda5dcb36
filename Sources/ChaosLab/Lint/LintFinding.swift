/// One problem the Traefik lint found: where it is (file, line, compose service, label), how
/// much it matters, and a message that says what happens and how to fix it.
public struct LintFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How much it matters.
    public var severity: LintSeverity
    /// Which check found it.
    public var rule: LintRule
    /// The file the problem is in: the compose file, or Traefik's static configuration file.
    public var file: String
    /// The line in ``file``, counted from 1, when known.
    public var line: Int?
    /// The compose service whose labels or command hold the problem.
    public var service: String
    /// The label (or static configuration key) concerned; for a missing label, the label to add.
    public var label: String
    /// What is wrong, what Traefik or compose does with it, and how to fix it.
    public var message: String

    public init(
        severity: LintSeverity,
        rule: LintRule,
        file: String,
        line: Int? = nil,
        service: String,
        label: String,
        message: String
    ) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.line = line
        self.service = service
        self.label = label
        self.message = message
    }

    /// One line: `file:line: service 'api' label 'traefik.http.routers.api.rule': error: message [rule]`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): service '\(service)' label '\(label)': \(severity.rawValue): \(message) [\(rule.rawValue)]"
    }
}
