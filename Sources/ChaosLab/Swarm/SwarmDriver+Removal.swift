extension SwarmDriver: ComposeStackDriver {
    /// `chaoslab down --swarm --project P --compose F` or `docker -H MANAGER stack rm P`, each in
    /// backquotes (the manager's socket as `make swarm-up` makes it).
    public nonisolated var removal: String {
        let project = configuration.projectName
        let lab = Command("chaoslab", ["down", "--swarm", "--project", project, "--compose", configuration.composeFile]).commandLine
        let docker = Command("docker", ["-H", "unix:///run/chaoslab-swarm/clnode1/docker.sock", "stack", "rm", project]).commandLine
        return "`\(lab)` or `\(docker)`"
    }
}
