import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs programs with swift-subprocess.
///
/// Each program gets its own session and process group, so a terminal's Ctrl-C reaches only
/// the lab (which then decides what to tear down), and termination reaches everything the
/// program started. When the deadline passes or the calling task is cancelled, the group gets
/// `SIGTERM`, then `SIGKILL` after ``gracePeriod``.
public struct CommandRunner: CommandRunning {
    /// How long a program may take to exit after `SIGTERM` before it gets `SIGKILL`.
    public var gracePeriod: Duration

    /// Creates a runner.
    /// - Parameter gracePeriod: time between `SIGTERM` and `SIGKILL` on timeout or cancellation.
    public init(gracePeriod: Duration = .seconds(2)) {
        self.gracePeriod = gracePeriod
    }

    public func run(_ command: Command) async throws -> CommandResult {
        let output = OutputCapture(limit: command.outputLimit, keep: .head)
        let error = OutputCapture(limit: command.errorLimit, keep: .tail)
        return try await withDeadline(command, errorTail: error) {
            try await execute(command, output: output, error: error)
        }
    }

    /// Runs `body` (which runs `command`) within the command's deadline.
    /// - Throws: ``CommandError`` with ``CommandError/Code/timedOut(after:)`` quoting the end of
    ///   `errorTail` when the deadline passes first.
    func withDeadline<Result: Sendable>(
        _ command: Command,
        errorTail: OutputCapture,
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        guard let timeout = command.timeout else {
            return try await body()
        }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            // The first child to finish decides; cancelling the other either stops the timer or
            // makes swift-subprocess run the teardown sequence on the program.
            let first = try await group.next() ?? nil
            group.cancelAll()
            if let result = first {
                return result
            }
            while (try? await group.next()) != nil {}
            try Task.checkCancellation()
            throw CommandError(
                commandLine: command.commandLine,
                code: .timedOut(after: timeout),
                errorTail: CommandResult.lastLines(of: String(decoding: errorTail.snapshot.bytes, as: UTF8.self), count: 5)
            )
        }
    }

    private func execute(_ command: Command, output: OutputCapture, error: OutputCapture) async throws -> CommandResult {
        let configuration = configuration(for: command)
        let clock = ContinuousClock()
        let start = clock.now
        let result: ExecutionResult<Void, SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(configuration, input: .none, output: .sequence, error: .sequence) { execution in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await chunk in execution.standardOutput {
                            chunk.withUnsafeBytes(output.append)
                        }
                    }
                    group.addTask {
                        for try await chunk in execution.standardError {
                            chunk.withUnsafeBytes(error.append)
                        }
                    }
                    try await group.waitForAll()
                }
            }
        } catch let failure as SubprocessError {
            try Task.checkCancellation()
            throw CommandError(commandLine: command.commandLine, code: .launchFailed(reason: Self.reason(failure, command)))
        }
        try Task.checkCancellation()
        let duration = clock.now - start
        let (outputBytes, outputTruncated) = output.snapshot
        let (errorBytes, errorTruncated) = error.snapshot
        return CommandResult(
            command: command,
            status: CommandStatus(result.terminationStatus),
            outputBytes: outputBytes,
            errorBytes: errorBytes,
            outputTruncated: outputTruncated,
            errorTruncated: errorTruncated,
            duration: duration
        )
    }

    func configuration(for command: Command) -> Configuration {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: gracePeriod)]
        let additions = Dictionary(
            uniqueKeysWithValues: command.environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) }
        )
        return Configuration(
            executable: command.executable.contains("/") ? .path(FilePath(command.executable)) : .name(command.executable),
            arguments: Arguments(command.arguments),
            environment: .inherit.updating(additions),
            workingDirectory: command.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
    }

    /// A short reason for a launch failure, in words a user can act on.
    static func reason(_ failure: SubprocessError, _ command: Command) -> String {
        switch failure.code {
        case .executableNotFound:
            "`\(command.executable)` was not found in PATH"
        case .failedToChangeWorkingDirectory:
            "cannot change to the working directory \(command.workingDirectory ?? ".")"
        default:
            failure.description
        }
    }
}

extension CommandStatus {
    init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code):
            self = .exited(code)
        case .signaled(let signal):
            self = .signaled(signal)
        }
    }
}
