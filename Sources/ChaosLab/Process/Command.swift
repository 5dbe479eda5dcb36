/// A program to run: what, with which arguments, in which environment and directory, and for
/// how long at most.
///
/// A command is plain data, so a report can print it and a person can run it again by hand
/// (``commandLine``).
public struct Command: Sendable, Hashable, Codable {
    /// The program: a bare name looked up in `PATH`, or a path containing a slash.
    public var executable: String
    /// The arguments, not including the program itself.
    public var arguments: [String]
    /// Variables added to (or replacing those in) the inherited environment.
    public var environment: [String: String]
    /// The directory to run in; `nil` runs in the current directory.
    public var workingDirectory: String?
    /// The deadline for the whole run; `nil` waits for as long as the program runs.
    public var timeout: Duration?
    /// The most standard-output bytes kept; the beginning is kept and the rest dropped.
    public var outputLimit: Int
    /// The most standard-error bytes kept; the end is kept, because that is where programs
    /// explain why they failed.
    public var errorLimit: Int

    /// Creates a command.
    /// - Parameters:
    ///   - executable: a name looked up in `PATH`, or a path.
    ///   - arguments: the arguments after the program name.
    ///   - environment: variables added to the inherited environment.
    ///   - workingDirectory: where to run; the current directory when `nil`.
    ///   - timeout: the deadline for the whole run; none when `nil`.
    ///   - outputLimit: the most standard-output bytes kept (16 MiB by default).
    ///   - errorLimit: the most standard-error bytes kept (64 KiB by default).
    public init(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        timeout: Duration? = nil,
        outputLimit: Int = 16 << 20,
        errorLimit: Int = 64 << 10
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.errorLimit = errorLimit
    }

    /// The command as one shell line, each word quoted only where a shell needs it.
    ///
    /// Environment additions are left out: they often hold secrets, and error messages quote
    /// this line.
    public var commandLine: String {
        ([executable] + arguments).map(Self.shellQuoted).joined(separator: " ")
    }

    /// `word` as a POSIX shell would need it written to read it back as one word.
    static func shellQuoted(_ word: String) -> String {
        if word.isEmpty { return "''" }
        let plain = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_./:=,+@%".unicodeScalars.contains(scalar))
        }
        if plain { return word }
        return "'" + word.replacing("'", with: #"'\''"#) + "'"
    }
}
