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
        subcommands: [UpCommand.self, DownCommand.self, StatusCommand.self, ListCommand.self, RunCommand.self, InspectCommand.self, LintCommand.self, SelfTestCommand.self, VersionCommand.self]
    )

    /// Runs the command; the lab's own errors print as one line on stderr.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let interrupted as Interrupted {
            printError(interrupted.description)
            Foundation.exit(128 + interrupted.signal)
        } catch let error as any LabError {
            printError("error: \(error)")
            Foundation.exit(EXIT_FAILURE)
        } catch {
            exit(withError: error)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("chaoslab: \(message)\n".utf8))
    }
}

/// Errors whose description is already the one line a user should read.
protocol LabError: Error {}

extension CommandError: LabError {}
extension StackError: LabError {}
extension ComposeFileError: LabError {}
extension RolesInputError: LabError {}
extension FixtureKnobError: LabError {}
extension WaitTimeout: LabError {}
extension BrokerProbeError: LabError {}
