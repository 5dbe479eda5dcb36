extension ContainerLogFollower {
    /// What the follower needs to know of its container's state.
    struct Status: Sendable, Hashable {
        var state: InstanceState
        /// When the current (or last) run started; `nil` if it never did.
        var startedAt: LogInstant?
        /// When the last run ended: while the container runs, the run before this one.
        var finishedAt: LogInstant?

        /// Whether the container is running (or paused), so a follow would wait for more.
        var isLive: Bool {
            state == .running || state == .paused
        }
    }

    /// The container's state; `nil` once it has been removed.
    func inspect() async throws -> Status? {
        let command = Command("docker", (dockerHost.map { ["-H", $0] } ?? []) + ["inspect", "--type", "container", containerID], timeout: commandTimeout)
        let result = try await runner.run(command)
        // `[]` with exit 1 is also what Docker prints when it cannot reach its daemon; only
        // its own words tell that the container is gone.
        if !result.succeeded, result.stdout.hasPrefix("[]"), result.stderr.lowercased().contains("no such") {
            return nil
        }
        guard result.succeeded else {
            throw CommandError(failed: result)
        }
        guard let container = try? ContainerInspection.decode(result.outputBytes).first else {
            throw CommandError(commandLine: command.commandLine, code: .failed(result.status), errorTail: ["its output is not the JSON of `docker inspect`"])
        }
        return Status(
            state: InstanceState(rawValue: container.state.status) ?? .unknown,
            startedAt: container.state.startedAt.flatMap { LogInstant($0) },
            finishedAt: container.state.finishedAt.flatMap { LogInstant($0) }
        )
    }
}
