/// A command that did not run to a successful end: it failed to start, exited non-zero where
/// success was required, or outran its deadline.
public struct CommandError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// The program could not be started; the reason is the system's.
        case launchFailed(reason: String)
        /// The program ended unsuccessfully.
        case failed(CommandStatus)
        /// The program ran past its deadline and was terminated.
        case timedOut(after: Duration)
    }

    /// The command, as one shell line.
    public var commandLine: String
    /// What went wrong.
    public var code: Code
    /// The last lines the program wrote to standard error, oldest first.
    public var errorTail: [String]

    public init(commandLine: String, code: Code, errorTail: [String] = []) {
        self.commandLine = commandLine
        self.code = code
        self.errorTail = errorTail
    }

    /// The error for a result that ended unsuccessfully.
    public init(failed result: CommandResult) {
        self.init(
            commandLine: result.command.commandLine,
            code: .failed(result.status),
            errorTail: result.lastErrorLines()
        )
    }

    /// One line: the command, what happened, and what it last said on standard error.
    public var description: String {
        let what: String
        switch code {
        case .launchFailed(let reason):
            what = "could not be started: \(reason)"
        case .failed(.exited(let code)):
            what = "exited with status \(code)"
        case .failed(.signaled(let signal)):
            what = "was killed by signal \(signal)"
        case .timedOut(let deadline):
            what = "did not finish within \(deadline.secondsText) and was terminated"
        }
        let sentence = "`\(commandLine)` \(what)"
        guard !errorTail.isEmpty else { return sentence + "." }
        return sentence + "; stderr: " + errorTail.joined(separator: " | ")
    }
}
