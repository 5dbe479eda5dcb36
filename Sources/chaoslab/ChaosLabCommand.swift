import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab`: brings a RabbitMQ microservice stack up and down and shows its state.
@main
struct ChaosLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaoslab",
        abstract: "A reliability test lab for RabbitMQ microservice stacks run with Docker Compose.",
        version: "chaoslab \(ChaosLabVersion.current)",
        subcommands: [UpCommand.self, DownCommand.self, StatusCommand.self, ListCommand.self, RunCommand.self, SoakCommand.self, GradeCommand.self, InspectCommand.self, LintCommand.self, SelfTestCommand.self, VersionCommand.self]
    )

    /// Runs the command; the lab's own errors print as one line on stderr. Bad input (flags,
    /// files, names) exits with 2 whatever the command; `run` and `selftest` exit with a
    /// ``RunExitStatus``, the others with 1 for any other error.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitAsUsage(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let interrupted as Interrupted {
            printError(interrupted.description)
            Foundation.exit(128 + interrupted.signal)
        } catch let error as any LabError {
            printError("error: \(error)")
            if command is any VerdictCommand {
                Foundation.exit(RunExitStatus(error: error).rawValue)
            }
            Foundation.exit(error is any InputError ? RunExitStatus.badInput.rawValue : EXIT_FAILURE)
        } catch {
            exitAsUsage(error)
        }
    }

    /// Exits as ArgumentParser would, except that a validation error (an unknown flag, a
    /// missing value, a ``ValidationError`` of the lab's) exits with 2 like every other
    /// input error of the lab, not with EX_USAGE.
    static func exitAsUsage(_ error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else {
            exit(withError: error)
        }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(RunExitStatus.badInput.rawValue)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("chaoslab: \(message)\n".utf8))
    }
}

/// A command whose exit status is a ``RunExitStatus``: 0 passed, 1 a check failed, 2 bad
/// input, 3 inconclusive.
protocol VerdictCommand: ParsableCommand {}

/// Errors whose description is already the one line a user should read.
protocol LabError: Error {}

extension CommandError: LabError {}
extension StackError: LabError {}
extension ComposeFileError: LabError {}
extension RolesInputError: LabError {}
extension SoakScheduleError: LabError {}
extension FixtureKnobError: LabError {}
extension WaitTimeout: LabError {}
extension BrokerProbeError: LabError {}
extension ProjectLockError: LabError {}
extension TeardownError: LabError {}
