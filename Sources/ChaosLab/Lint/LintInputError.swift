/// Input the lint cannot read at all: a missing compose file, text that is not YAML, a static
/// configuration file that does not parse. Problems in readable input are findings instead.
public enum LintInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The compose file could not be loaded.
    case compose(ComposeFileError)
    /// Traefik's static configuration file could not be parsed.
    case staticFile(path: String, line: Int?, problem: String)

    public var description: String {
        switch self {
        case .compose(let error):
            error.description
        case .staticFile(let path, let line, let problem):
            "\(path)\(line.map { ":\($0)" } ?? ""): Traefik's static configuration cannot be read: \(problem)."
        }
    }
}
