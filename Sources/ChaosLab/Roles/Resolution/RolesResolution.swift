/// What the lab found out about a stack's roles before running anything: the roles themselves,
/// where each value came from, what is missing, and which checks can judge the stack.
public struct RolesResolution: Sendable, Codable, Hashable {
    /// The compose file, as given.
    public var composeFile: String
    /// The roles manifest that was read, if any.
    public var manifest: String?
    /// The roles, when the broker, the workers and the work queue are known; `nil` otherwise.
    public var roles: StackRoles?
    /// Every value found, in schema order, with its source.
    public var findings: [RoleFinding]
    /// What nobody declared and the lab could not guess.
    public var missing: [MissingRole]
    /// Each catalogued check, judged against the roles.
    public var checks: [CheckApplicability]
    /// Ambiguities and caveats a person should know (several candidates for a role, a login
    /// RabbitMQ will refuse, replicas).
    public var notes: [String]
    /// When grading with the course's roles: each of the submission's own declarations the
    /// course's roles overruled or set aside (also among ``notes``), one sentence each naming
    /// both places.
    public var overruled: [String]

    public init(
        composeFile: String,
        manifest: String? = nil,
        roles: StackRoles?,
        findings: [RoleFinding],
        missing: [MissingRole],
        checks: [CheckApplicability],
        notes: [String] = [],
        overruled: [String] = []
    ) {
        self.composeFile = composeFile
        self.manifest = manifest
        self.roles = roles
        self.findings = findings
        self.missing = missing
        self.checks = checks
        self.notes = notes
        self.overruled = overruled
    }

    /// Where the value of `field` came from, when one was found.
    public func source(of field: RoleField) -> RoleSource? {
        findings.first { $0.field == field }?.source
    }

    /// Whether an essential role (broker, workers, work queue) is missing.
    public var lacksEssentials: Bool {
        missing.contains(where: \.isEssential)
    }

    /// `chaoslab inspect`'s exit status: 0 when every check can at least run, 1 when the
    /// broker, the workers or the work queue are missing.
    public var exitStatus: Int32 {
        lacksEssentials ? 1 : 0
    }
}
