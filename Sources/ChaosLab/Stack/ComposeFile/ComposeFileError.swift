/// A compose file the lab cannot use: missing, unreadable, not YAML, or not shaped like a
/// compose file. The message is one line and names the file and, where known, the line.
public struct ComposeFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// There is no file at the path.
        case missingFile
        /// The file exists but cannot be read as UTF-8 text.
        case unreadable(reason: String)
        /// The text is not valid YAML.
        case invalidYAML(problem: String)
        /// The YAML is valid but a value has the wrong shape for compose.
        case invalidContent(problem: String)
        /// A `$` expression compose would refuse.
        case invalidInterpolation(problem: String)
    }

    /// The compose file's path as given.
    public var path: String
    /// Where the problem is, counted from 1; `nil` when it concerns the whole file.
    public var line: Int?
    /// The column on ``line``, counted from 1.
    public var column: Int?
    /// What went wrong.
    public var code: Code

    public init(path: String, line: Int? = nil, column: Int? = nil, code: Code) {
        self.path = path
        self.line = line
        self.column = column
        self.code = code
    }

    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        switch code {
        case .missingFile:
            return "Compose file \(path) does not exist."
        case .unreadable(let reason):
            return "Compose file \(path) cannot be read: \(reason)."
        case .invalidYAML(let problem):
            return "\(location): invalid YAML: \(problem)."
        case .invalidContent(let problem):
            return "\(location): \(problem)."
        case .invalidInterpolation(let problem):
            return "\(location): \(problem)"
        }
    }
}
