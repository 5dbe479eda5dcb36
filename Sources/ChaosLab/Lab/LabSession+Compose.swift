public import Logging

extension LabSession {
    /// Creates a session on a compose project: the logs collected are those of the services
    /// its compose file declares, and a stack the session cannot remove is removed with
    /// `chaoslab down` or compose itself.
    public init(stack: ComposeDriver, roles: StackRoles, logger: Logger) {
        self.init(
            stack: stack, roles: roles, logger: logger,
            serviceNames: { (try? await stack.loadComposeFile().serviceNames) ?? [] },
            removal: Self.removal(of: stack.configuration)
        )
    }

    /// `chaoslab down --project P --compose F` or `docker compose -p P -f F down -v
    /// --remove-orphans`, each in backquotes.
    static func removal(of configuration: ComposeConfiguration) -> String {
        let project = configuration.projectName
        let file = configuration.composeFile
        let lab = Command("chaoslab", ["down", "--project", project, "--compose", file]).commandLine
        let compose = (configuration.cli ?? .plugin).command(["-p", project, "-f", file, "down", "-v", "--remove-orphans"]).commandLine
        return "`\(lab)` or `\(compose)`"
    }
}
