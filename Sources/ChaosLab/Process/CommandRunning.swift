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

    /// Runs `command` to its end, handing `receive` each line it writes as soon as the line is
    /// complete, for programs that run long and say a lot (`docker logs --follow`): nothing is
    /// kept here. Each stream's lines come in order; the two streams are read side by side.
    /// ``Command/outputLimit`` and ``Command/errorLimit`` bound one line of each stream.
    ///
    /// - Returns: how the program ended; a non-zero exit is a result, not an error.
    /// - Throws: what ``run(_:)`` throws, in the same cases.
    func stream(_ command: Command, to receive: @escaping @Sendable ([OutputLine]) async -> Void) async throws -> CommandStatus
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

    /// Runs `command` with ``run(_:)`` and hands over its lines once it has ended, standard
    /// output first: what a stand-in that answers from a script can do.
    public func stream(_ command: Command, to receive: @escaping @Sendable ([OutputLine]) async -> Void) async throws -> CommandStatus {
        let result = try await run(command)
        let lines = Self.lines(result.outputBytes).map { OutputLine(.stdout, $0) }
            + Self.lines(result.errorBytes).map { OutputLine(.stderr, $0) }
        if !lines.isEmpty {
            await receive(lines)
        }
        return result.status
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        var splitter = LineSplitter(maxLineBytes: bytes.count)
        var lines = bytes.withUnsafeBytes { splitter.append($0) }
        if let last = splitter.finish() { lines.append(last) }
        return lines
    }
}
