import Foundation
public import Logging

/// Drives a Docker Compose project through `docker compose` (v2) or `docker-compose` (v1),
/// whichever works here (detected once).
///
/// Compose is used for what only it can do (`up`, `down`); everything aimed at one service goes
/// straight to Docker, resolving the service to its containers by the labels compose puts on
/// them (`com.docker.compose.project`, `com.docker.compose.service`), so v1 and v2 behave alike.
public actor ComposeDriver: StackDriver {
    /// Where the project is and how to drive it.
    public nonisolated let configuration: ComposeConfiguration
    let runner: any CommandRunning
    let logger: Logger
    /// The compose command, once known.
    var cli: ComposeCLI?
    /// Variables for compose: the configuration's, plus those of the latest `up`.
    var composeEnvironment: [String: String]
    /// Networks each cut-off container was on, by container id, to put it back as it was.
    var cutOff: [String: [NetworkAttachment]] = [:]
    /// How much of the containers' output is kept.
    let logOptions: LogOptions
    /// The reader of each container's output read so far, by container id; those of removed
    /// containers stay, with their lines, until `down`.
    var followers: [String: ContainerLogFollower] = [:]

    /// Creates a driver; nothing runs until the first operation.
    /// - Parameters:
    ///   - configuration: project name, compose file, deadlines.
    ///   - runner: runs `docker` and compose.
    ///   - logger: receives each command at debug level and progress at info level.
    ///   - logOptions: how much of each container's output is kept.
    public init(
        configuration: ComposeConfiguration = .fromEnvironment(),
        runner: any CommandRunning = CommandRunner(),
        logger: Logger = Logger(label: "chaoslab.stack"),
        logOptions: LogOptions = LogOptions()
    ) {
        self.configuration = configuration
        self.runner = runner
        self.logger = logger
        self.cli = configuration.cli
        self.composeEnvironment = configuration.environment
        self.logOptions = logOptions
    }

    deinit {
        // A driver dropped without `down` (the stack kept up) must not leave `docker logs
        // --follow` running until its containers stop.
        for follower in followers.values {
            follower.cancel()
        }
    }

    public nonisolated var projectName: String {
        configuration.projectName
    }

    /// `up -d --no-deps SERVICE…` recreates those services alone.
    public nonisolated var recreatesSelectedServices: Bool {
        true
    }

    /// The compose command this machine has, detected on first use.
    public func composeCLI() async throws -> ComposeCLI {
        if let cli { return cli }
        let detected = try await ComposeCLI.detect(using: runner, project: projectName)
        logger.debug("compose command detected", metadata: ["cli": "\(detected.rawValue)"])
        cli = detected
        return detected
    }

    /// The compose file, interpolated with what compose sees: this process's environment and
    /// the driver's additions.
    public func loadComposeFile() throws(ComposeFileError) -> ComposeFile {
        let environment = ProcessInfo.processInfo.environment.merging(composeEnvironment) { _, added in added }
        return try ComposeFile.load(path: configuration.composeFile, environment: environment)
    }

    // MARK: - Running commands

    /// Runs compose on this project and requires success.
    @discardableResult
    func compose(_ arguments: [String], timeout: Duration) async throws -> CommandResult {
        let cli = try await composeCLI()
        let command = cli.command(
            ["-p", projectName, "-f", configuration.composeFile] + arguments,
            environment: composeEnvironment,
            timeout: timeout
        )
        return try await check(command)
    }

    /// Runs `docker` and requires success.
    @discardableResult
    func docker(_ arguments: [String], timeout: Duration? = nil, outputLimit: Int = 16 << 20) async throws -> CommandResult {
        try await check(Command("docker", arguments, timeout: timeout ?? configuration.commandTimeout, outputLimit: outputLimit))
    }

    /// Runs `docker` and returns whatever happened.
    func dockerResult(_ arguments: [String], timeout: Duration? = nil) async throws -> CommandResult {
        let command = Command("docker", arguments, timeout: timeout ?? configuration.commandTimeout)
        logger.debug("run", metadata: ["command": "\(command.commandLine)"])
        return try await runner.run(command)
    }

    /// Runs any program (`docker`, or `nsenter` for the network faults) and requires success.
    func check(_ command: Command) async throws -> CommandResult {
        logger.debug("run", metadata: ["command": "\(command.commandLine)"])
        return try await runner.check(command)
    }

    /// `--filter` arguments selecting this project's objects, narrowed to one service and
    /// instance when given.
    func labelFilters(service: String? = nil, index: Int? = nil) -> [String] {
        var filters = ["--filter", "label=\(ComposeLabel.project)=\(projectName)"]
        if let service { filters += ["--filter", "label=\(ComposeLabel.service)=\(service)"] }
        if let index { filters += ["--filter", "label=\(ComposeLabel.containerNumber)=\(index)"] }
        return filters
    }

    /// The non-empty lines of a command's output.
    static func lines(_ result: CommandResult) -> [String] {
        result.outputLines
    }
}
