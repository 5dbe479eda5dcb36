/// A compose file or roles declaration the lab cannot use: the compose file is unreadable,
/// the manifest is missing or not YAML, or a field of the `x-chaoslab` block or the manifest
/// has the wrong shape. The message is one line naming the file, the line where known, and the
/// field.
public struct RolesInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// The compose file cannot be read or parsed.
        case compose(ComposeFileError)
        /// There is no manifest at the path given with `--roles`.
        case missingManifest
        /// The manifest exists but cannot be read as UTF-8 text.
        case unreadableManifest(reason: String)
        /// The manifest is not YAML, or holds a `$` expression compose would refuse.
        case invalidManifest(problem: String)
        /// A field has the wrong shape or an impossible value.
        case invalidField(field: String, problem: String)
        /// A key the schema does not know (often a typo).
        case unknownField(field: String, known: [String])
    }

    /// The file at fault, as given.
    public var path: String
    /// The line of the problem, counted from 1, when known.
    public var line: Int?
    /// The column on ``line``, counted from 1.
    public var column: Int?
    public var code: Code

    public init(path: String, line: Int? = nil, column: Int? = nil, code: Code) {
        self.path = path
        self.line = line
        self.column = column
        self.code = code
    }

    /// Wraps an error reading the compose file.
    public init(_ error: ComposeFileError) {
        self.init(path: error.path, line: error.line, column: error.column, code: .compose(error))
    }

    /// The field at fault, for errors about one field.
    public var field: String? {
        switch code {
        case .invalidField(let field, _), .unknownField(let field, _): field
        default: nil
        }
    }

    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        switch code {
        case .compose(let error):
            return error.description
        case .missingManifest:
            return "Roles manifest \(path) does not exist."
        case .unreadableManifest(let reason):
            return "Roles manifest \(path) cannot be read: \(reason)."
        case .invalidManifest(let problem):
            return "\(location): \(problem)"
        case .invalidField(let field, let problem):
            return "\(location): `\(field)` \(problem)."
        case .unknownField(let field, let known):
            return "\(location): `\(field)` is not a field of the roles schema; known here: \(known.joined(separator: ", "))."
        }
    }
}
