public import Foundation

extension SwarmDriver {
    /// What the target's task containers wrote, read from their nodes as it is written; lines
    /// of tasks Swarm replaced are included while their node keeps the exited container (a
    /// task replaced between two reads, by an update, is read too).
    public func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine] {
        try await logFollowers(of: target).lines(since: since)
    }

    public func droppedLogLines(_ target: ServiceTarget) async throws -> Int {
        await (try await logFollowers(of: target)).droppedLines
    }

    /// Stops reading every container's output; `down` does this itself.
    public func stopFollowingLogs() async {
        let stopping = followers.values
        followers.removeAll()
        await stopping.stopAll()
    }

    private func logFollowers(of target: ServiceTarget) async throws -> [ContainerLogFollower] {
        _ = try await resolve(target)
        let containers = try await taskContainers(of: target.service).map(\.instance).filter { target.index == nil || $0.index == target.index }
        for instance in containers where followers[instance.containerID] == nil {
            let follower = ContainerLogFollower(
                instance: instance, runner: runner, options: logOptions, commandTimeout: configuration.commandTimeout,
                dockerHost: try node(of: instance).socket
            )
            followers[instance.containerID] = follower
            follower.start()
        }
        return followers.values.following(target)
    }

    /// The last lines a service wrote, for an error message; empty if they cannot be had.
    func logTail(_ service: String, lines: Int = 5) async -> [String] {
        guard let instances = try? await resolve(.service(service)) else { return [] }
        var tail: [String] = []
        for instance in instances {
            guard let node = try? node(of: instance),
                  let result = try? await dockerResult(node, ["logs", "--tail", String(lines), instance.containerID]) else { continue }
            tail += (result.stdout + result.stderr).split(whereSeparator: \.isNewline).map(String.init)
        }
        return Array(tail.suffix(lines))
    }

    public func exec(_ target: ServiceTarget, _ command: [String], timeout: Duration) async throws -> CommandResult {
        guard let instance = try await resolve(target).first(where: { $0.state == .running }) else {
            throw StackError(project: projectName, code: .noInstance(target: target))
        }
        let exec = Command("docker", ["-H", try node(of: instance).socket, "exec", instance.containerID] + command, timeout: timeout)
        logger.debug("run", metadata: ["command": "\(exec.commandLine)"])
        return try await runner.run(exec)
    }

    public func readFile(_ path: String, from target: ServiceTarget) async throws -> [UInt8] {
        let instance = try await resolve(target)[0]
        let archive = try await docker(try node(of: instance), ["cp", "\(instance.containerID):\(path)", "-"], outputLimit: 512 << 20)
        do {
            return try TarReader.firstFile(in: archive.outputBytes)
        } catch {
            throw StackError(project: projectName, code: .unreadableFile(path: "\(target):\(path)", problem: error.problem))
        }
    }

    public func image(of service: String) async throws -> ServiceImage {
        let instance = try await resolve(.service(service))[0]
        let node = try node(of: instance)
        guard let inspection = try await inspect(ids: [instance.containerID], on: node).first, let id = inspection.image else {
            throw StackError(project: projectName, code: .noInstance(target: .service(service)))
        }
        let result = try await docker(node, ["image", "inspect", "--format", "{{json .Config.Env}}", id])
        let environment: [String]
        do {
            environment = try JSONDecoder().decode([String]?.self, from: Data(result.outputBytes)) ?? []
        } catch {
            throw StackError(project: projectName, code: .unexpectedOutput(command: result.command.commandLine, problem: "not a JSON list of NAME=value (\(error))"))
        }
        return ServiceImage(service: service, name: inspection.config.image ?? id, id: id, environment: environment)
    }
}
