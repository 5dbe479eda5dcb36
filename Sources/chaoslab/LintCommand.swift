import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab lint COMPOSE_FILE`: checks the Traefik v3 labels and static configuration of a
/// compose file without starting anything.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the Traefik v3 labels and static configuration of a compose file, without starting anything.",
        discussion: """
            Reads router, service and middleware labels (list and map forms) and Traefik's static \
            configuration (the Traefik service's flags, TRAEFIK_ variables, or a mounted traefik.yml \
            or traefik.toml). Each finding names the file, line, service and label; docs/lint.md \
            explains every check. Variables are interpolated as compose would, from the environment \
            and the .env file beside the compose file.

            Exit status: 0 clean (notes only), 1 errors or warnings, 2 unreadable input.
            """
    )

    @Argument(help: "The compose file to check.")
    var composeFile: String

    @Option(name: .long, help: "Output format: text (one line per finding) or json.")
    var format: LintFormat = .text

    func run() throws {
        let report: LintReport
        do {
            report = try TraefikLinter.lint(composeFile: composeFile)
        } catch {
            ChaosLabCommand.printError("error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .text:
            for finding in report.findings {
                print(finding)
            }
            let summary = "\(report.count(.error)) error(s), \(report.count(.warning)) warning(s), \(report.count(.info)) note(s) in \(report.file)"
            FileHandle.standardError.write(Data("\(summary)\n".utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        if report.exitStatus != 0 {
            throw ExitCode(report.exitStatus)
        }
    }
}
