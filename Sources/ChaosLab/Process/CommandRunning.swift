/// Something that runs commands: ``CommandRunner`` for real programs, or a scripted stand-in in
/// tests of the code that builds the commands.
public protocol CommandRunning: Sendable {
    /// Runs `command` to its end and returns what it left behind.
    ///
    /// A non-zero exit is a result, not an error.
    /// - Throws: ``CommandError`` when the program cannot be started or outruns
    ///   ``Command/timeout``; `CancellationError` when the calling task is cancelled (the program
    ///   is terminated first).
    func run(_ command: Command) async throws -> CommandResult
}

extension CommandRunning {
    /// Runs `command` and requires it to succeed.
    /// - Throws: ``CommandError`` naming the command, its status and the end of its standard
    ///   error when it exits non-zero, and everything ``run(_:)`` throws.
    @discardableResult
    public func check(_ command: Command) async throws -> CommandResult {
        let result = try await run(command)
        guard result.succeeded else {
            throw CommandError(failed: result)
        }
        return result
    }
}
