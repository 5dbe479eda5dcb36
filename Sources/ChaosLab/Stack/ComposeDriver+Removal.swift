extension ComposeDriver: ComposeStackDriver {
    /// `chaoslab down --project P --compose F` or `docker compose -p P -f F down -v
    /// --remove-orphans`, each in backquotes.
    public nonisolated var removal: String {
        let project = configuration.projectName
        let file = configuration.composeFile
        let lab = Command("chaoslab", ["down", "--project", project, "--compose", file]).commandLine
        let compose = (configuration.cli ?? .plugin).command(["-p", project, "-f", file, "down", "-v", "--remove-orphans"]).commandLine
        return "`\(lab)` or `\(compose)`"
    }
}
