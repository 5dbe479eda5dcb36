import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab inspect COMPOSE_FILE`: what each service of a stack is for, as the lab will see
/// it, without starting anything.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the roles the lab finds in a compose file (broker, API, workers, proxy, queues, credentials), where each came from, and which checks can judge the stack.",
        discussion: """
            Roles come from the compose file's x-chaoslab block, else from a manifest (--roles \
            FILE, or chaoslab.yml beside the compose file), else they are guessed from images, \
            service names, ports, environment variables, Traefik's flags and labels, and the \
            services' build contexts. Nothing is started. Variables are interpolated as compose \
            would, from the environment and the .env file beside the compose file. \
            docs/grading.md describes the schema.

            Exit status: 0 every check can at least run, 1 the broker, the workers or the work \
            queue are missing, 2 unreadable input.
            """
    )

    @Argument(help: ArgumentHelp("The compose file of the stack, or the repository's folder that holds it.", valueName: "compose-file"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("A roles manifest to read instead of chaoslab.yml beside the compose file.", valueName: "file"))
    var roles: String?

    @Option(name: .long, help: ArgumentHelp("When grading: the course's roles, which outrank the submission's x-chaoslab block and chaoslab.yml; a submission cannot declare a role away, and every disagreement is noted.", valueName: "file"))
    var courseRoles: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: InspectFormat = .text

    func run() throws {
        let resolution: RolesResolution
        do {
            let composeFile = try ComposeFileLocator.composeFile(at: path)
            resolution = try RolesResolver(environment: RolesResolver.environment(forComposeFile: composeFile))
                .resolve(composeFile: composeFile, rolesFile: roles, courseRoles: courseRoles)
        } catch {
            ChaosLabCommand.printError("error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .text:
            print(resolution.text)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(InspectReport(resolution)), as: UTF8.self))
        }
        if resolution.exitStatus != 0 {
            throw ExitCode(resolution.exitStatus)
        }
    }
}

/// `chaoslab inspect --format json`: the resolution without secrets, and its exit status.
struct InspectReport: Encodable {
    var composeFile: String
    var manifest: String?
    var findings: [RoleFinding]
    var missing: [MissingRole]
    var checks: [CheckApplicability]
    var notes: [String]
    var exitStatus: Int32

    init(_ resolution: RolesResolution) {
        composeFile = resolution.composeFile
        manifest = resolution.manifest
        findings = resolution.findings
        missing = resolution.missing
        checks = resolution.checks
        notes = resolution.notes
        exitStatus = resolution.exitStatus
    }
}
