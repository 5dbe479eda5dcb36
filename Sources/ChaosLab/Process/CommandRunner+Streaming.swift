import Subprocess

extension CommandRunner {
    public func stream(_ command: Command, to receive: @escaping @Sendable ([OutputLine]) async -> Void) async throws -> CommandStatus {
        // Only the end of standard error is kept, for the error of a command that times out.
        let errorTail = OutputCapture(limit: 4096, keep: .tail)
        return try await withDeadline(command, errorTail: errorTail) {
            try await executeStreaming(command, errorTail: errorTail, to: receive)
        }
    }

    private func executeStreaming(
        _ command: Command,
        errorTail: OutputCapture,
        to receive: @escaping @Sendable ([OutputLine]) async -> Void
    ) async throws -> CommandStatus {
        let result: ExecutionResult<Void, SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(configuration(for: command), input: .none, output: .sequence, error: .sequence) { execution in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await Self.forward(execution.standardOutput, as: .stdout, maxLineBytes: command.outputLimit, to: receive)
                    }
                    group.addTask {
                        try await Self.forward(execution.standardError, as: .stderr, maxLineBytes: command.errorLimit, copy: errorTail, to: receive)
                    }
                    try await group.waitForAll()
                }
            }
        } catch let failure as SubprocessError {
            try Task.checkCancellation()
            throw CommandError(commandLine: command.commandLine, code: .launchFailed(reason: Self.reason(failure, command)))
        }
        try Task.checkCancellation()
        return CommandStatus(result.terminationStatus)
    }

    /// Hands over the lines of one stream, a chunk's worth at a time, as they arrive.
    private static func forward(
        _ chunks: SubprocessOutputSequence,
        as stream: OutputLine.Stream,
        maxLineBytes: Int,
        copy: OutputCapture? = nil,
        to receive: @Sendable ([OutputLine]) async -> Void
    ) async throws {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        for try await chunk in chunks {
            let lines = chunk.withUnsafeBytes { bytes in
                copy?.append(bytes)
                return splitter.append(bytes)
            }
            if !lines.isEmpty {
                await receive(lines.map { OutputLine(stream, $0) })
            }
        }
        if let last = splitter.finish() {
            await receive([OutputLine(stream, last)])
        }
    }
}
