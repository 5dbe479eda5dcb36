import Foundation

extension ComposeDriver {
    public func down(removeVolumes: Bool) async throws {
        try configuration.validate()
        if FileManager.default.fileExists(atPath: configuration.composeFile) {
            // With the volumes going too, nothing a graceful stop would save is kept: a worker
            // that ignores SIGTERM (PID 1 in Python) would only hold the removal up for the
            // whole stop timeout.
            let stopTimeout: Duration = removeVolumes ? .zero : configuration.stopTimeout
            var arguments = ["down", "--remove-orphans", "-t", Self.wholeSeconds(stopTimeout)]
            if removeVolumes { arguments.append("-v") }
            do {
                try await compose(arguments, timeout: configuration.downTimeout)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // What compose could not remove, the sweep below removes by label.
                logger.warning("compose down failed; removing by label", metadata: ["error": "\(error)"])
            }
        }
        // The containers are gone (or down failed), so every follow has ended or is about to;
        // stopping waits for the last `docker logs` to exit.
        do {
            try await sweep(removeVolumes: removeVolumes)
        } catch {
            await stopFollowingLogs()
            throw error
        }
        await stopFollowingLogs()
        let left = try await leftovers(includingVolumes: removeVolumes)
        cutOff.removeAll()
        guard left.containers.isEmpty, left.networks.isEmpty, left.volumes.isEmpty else {
            throw StackError(
                project: projectName,
                code: .leftovers(containers: left.containers, networks: left.networks, volumes: left.volumes)
            )
        }
    }

    /// Removes the project's containers, then networks, then (if asked) volumes, by label:
    /// what remains when compose was interrupted, failed, or never saw the compose file.
    private func sweep(removeVolumes: Bool) async throws {
        let left = try await leftovers(includingVolumes: removeVolumes)
        if !left.containers.isEmpty {
            logger.info("removing containers", metadata: ["containers": "\(left.containers.joined(separator: ","))"])
            try await docker(["rm", "-f", "-v"] + left.containers, timeout: configuration.downTimeout)
        }
        if !left.networks.isEmpty {
            try await docker(["network", "rm"] + left.networks)
        }
        if removeVolumes, !left.volumes.isEmpty {
            try await docker(["volume", "rm", "-f"] + left.volumes)
        }
    }

    /// The names of the project's containers, networks and volumes that exist now.
    func leftovers(includingVolumes: Bool) async throws -> (containers: [String], networks: [String], volumes: [String]) {
        let filters = labelFilters()
        let containers = Self.lines(try await docker(["ps", "-a", "--format", "{{.Names}}"] + filters))
        let networks = Self.lines(try await docker(["network", "ls", "--format", "{{.Name}}"] + filters))
        let volumes = includingVolumes ? Self.lines(try await docker(["volume", "ls", "--format", "{{.Name}}"] + filters)) : []
        return (containers.sorted(), networks.sorted(), volumes.sorted())
    }
}
