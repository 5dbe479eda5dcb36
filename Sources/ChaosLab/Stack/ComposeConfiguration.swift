import Foundation

/// Where a compose stack is and how to drive it.
public struct ComposeConfiguration: Sendable, Hashable, Codable {
    /// The project name used unless `CHAOSLAB_PROJECT` says otherwise.
    public static let defaultProjectName = "chaoslab"
    /// The compose file used unless `CHAOSLAB_COMPOSE_FILE` says otherwise, relative to the
    /// current directory.
    public static let defaultComposeFile = "compose/docker-compose.yml"

    /// The compose project name (`-p`); every container, network and volume carries it in the
    /// label `com.docker.compose.project`.
    public var projectName: String
    /// The compose file (`-f`).
    public var composeFile: String
    /// Variables added to compose's environment on every call, e.g. `CHAOSLAB_KNOBS`.
    public var environment: [String: String]
    /// The compose command to use; `nil` detects it on first use.
    public var cli: ComposeCLI?
    /// The deadline for one Docker command other than `up` and `down`.
    public var commandTimeout: Duration
    /// The deadline for `down`, which stops every container first.
    public var downTimeout: Duration
    /// How long a container may take to stop on `SIGTERM` before Docker kills it.
    public var stopTimeout: Duration
    /// Time between two looks at the services while waiting for them to be ready.
    public var pollInterval: Duration

    public init(
        projectName: String = defaultProjectName,
        composeFile: String = defaultComposeFile,
        environment: [String: String] = [:],
        cli: ComposeCLI? = nil,
        commandTimeout: Duration = .seconds(60),
        downTimeout: Duration = .seconds(180),
        stopTimeout: Duration = .seconds(10),
        pollInterval: Duration = .milliseconds(500)
    ) {
        self.projectName = projectName
        self.composeFile = composeFile
        self.environment = environment
        self.cli = cli
        self.commandTimeout = commandTimeout
        self.downTimeout = downTimeout
        self.stopTimeout = stopTimeout
        self.pollInterval = pollInterval
    }

    /// The configuration `CHAOSLAB_PROJECT` and `CHAOSLAB_COMPOSE_FILE` describe, with the
    /// defaults for what they leave unset.
    public static func fromEnvironment(_ environment: [String: String]) -> ComposeConfiguration {
        ComposeConfiguration(
            projectName: environment["CHAOSLAB_PROJECT"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultProjectName,
            composeFile: environment["CHAOSLAB_COMPOSE_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultComposeFile
        )
    }

    /// ``fromEnvironment(_:)`` with this process's environment.
    public static func fromEnvironment() -> ComposeConfiguration {
        fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// Checks what compose would refuse, so the error comes before anything is started.
    /// - Throws: ``StackError`` with ``StackError/Code/invalidConfiguration(problem:)``.
    public func validate() throws(StackError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard let first = projectName.first, first.isLetter || first.isNumber, projectName.allSatisfy(allowed.contains) else {
            throw StackError(
                project: projectName,
                code: .invalidConfiguration(
                    problem: "Project name \"\(projectName)\" is invalid: use lowercase letters, digits, `-` and `_`, starting with a letter or digit"
                )
            )
        }
    }
}
