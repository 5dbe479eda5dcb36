/// The result of linting one compose file: its findings, worst first, and the exit status the
/// command ends with.
public struct LintReport: Sendable, Hashable, Codable {
    /// The compose file linted, as given.
    public var file: String
    /// The compose service that runs Traefik, if one was found.
    public var traefikService: String?
    /// Where Traefik's static configuration was read from: `flags`, `environment`, `defaults`,
    /// or the path of the file.
    public var staticConfiguration: String?
    public var findings: [LintFinding]

    public init(file: String, traefikService: String? = nil, staticConfiguration: String? = nil, findings: [LintFinding]) {
        self.file = file
        self.traefikService = traefikService
        self.staticConfiguration = staticConfiguration
        self.findings = findings
    }

    /// Whether nothing needs fixing: no errors and no warnings (notes do not count).
    public var isClean: Bool {
        !findings.contains { $0.severity > .info }
    }

    /// 0 when clean, 1 when there is something to fix. (2, unreadable input, is no report.)
    public var exitStatus: Int32 {
        isClean ? 0 : 1
    }

    /// How many findings of each severity.
    public func count(_ severity: LintSeverity) -> Int {
        findings.filter { $0.severity == severity }.count
    }
}
