/// How much a lint finding matters.
public enum LintSeverity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Something the lint could not check, said so that silence is not taken for a pass. Does
    /// not make the lint fail.
    case info
    /// Traefik accepts the configuration, but it will probably not do what was meant.
    case warning
    /// Traefik refuses or ignores the configuration, or compose refuses the file.
    case error

    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}
