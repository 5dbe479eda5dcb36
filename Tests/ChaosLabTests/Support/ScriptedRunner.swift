@testable import ChaosLab
import Synchronization

/// A ``CommandRunning`` that runs nothing: it records each command and answers from a script,
/// so tests can check the commands a driver builds and how it reads the answers.
final class ScriptedRunner: CommandRunning {
    typealias Script = @Sendable (Command) throws -> CommandResult

    private let script: Script
    private let recorded = Mutex<[Command]>([])

    init(_ script: @escaping Script) {
        self.script = script
    }

    func run(_ command: Command) async throws -> CommandResult {
        recorded.withLock { $0.append(command) }
        return try script(command)
    }

    /// Every command run so far, as shell lines.
    var commandLines: [String] {
        recorded.withLock { $0.map(\.commandLine) }
    }

    /// Every command run so far.
    var commands: [Command] {
        recorded.withLock { $0 }
    }
}

extension CommandResult {
    /// A finished command's result for a script.
    static func scripted(_ command: Command, status: Int32 = 0, stdout: String = "", stderr: String = "") -> CommandResult {
        CommandResult(
            command: command,
            status: .exited(status),
            outputBytes: Array(stdout.utf8),
            errorBytes: Array(stderr.utf8),
            duration: .milliseconds(1)
        )
    }
}
