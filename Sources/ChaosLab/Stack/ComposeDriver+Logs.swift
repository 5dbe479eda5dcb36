public import Foundation

extension ComposeDriver {
    /// What the target wrote, from memory: each container's output is read once, as it is
    /// written, by a `ContainerLogFollower` started on the first call about it. Lines of
    /// containers the target's instances replaced (recreated with a new id) are included while
    /// the driver still holds them; ``LogLine/run`` tells the containers and their runs apart.
    public func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine] {
        try await logFollowers(of: target).lines(since: since)
    }

    public func droppedLogLines(_ target: ServiceTarget) async throws -> Int {
        await (try await logFollowers(of: target)).droppedLines
    }

    /// Stops reading every container's output and forgets what was read; returns once no
    /// `docker logs` the driver started runs any more. `down` does this itself.
    public func stopFollowingLogs() async {
        let stopping = followers.values
        followers.removeAll()
        await stopping.stopAll()
    }

    /// The followers of the target's instances, started if new, and of the containers they
    /// replaced, by instance and then age.
    func logFollowers(of target: ServiceTarget) async throws -> [ContainerLogFollower] {
        let instances = try await resolve(target)
        for instance in instances where followers[instance.containerID] == nil {
            let follower = ContainerLogFollower(instance: instance, runner: runner, options: logOptions, commandTimeout: configuration.commandTimeout)
            followers[instance.containerID] = follower
            follower.start()
        }
        return followers.values.following(target)
    }

    /// The last lines the target wrote, read once (`docker logs --tail`), for an error message
    /// about a stack that did not start.
    func logSnapshot(_ target: ServiceTarget, tail: Int) async throws -> [LogLine] {
        var lines: [LogLine] = []
        for instance in try await resolve(target) {
            let arguments = ["logs", "--timestamps", "--tail", String(tail), instance.containerID]
            let result = try await runner.check(Command("docker", arguments, timeout: configuration.commandTimeout))
            lines += Self.logLines(result.stdout, instance: instance, stream: .stdout)
            lines += Self.logLines(result.stderr, instance: instance, stream: .stderr)
        }
        return Self.timeOrdered(lines)
    }

    /// `lines` by time; lines of equal (or missing) time keep their order.
    static func timeOrdered(_ lines: [LogLine]) -> [LogLine] {
        lines.enumerated().sorted { left, right in
            let (leftTime, rightTime) = (left.element.timestamp ?? .distantPast, right.element.timestamp ?? .distantPast)
            return leftTime == rightTime ? left.offset < right.offset : leftTime < rightTime
        }.map(\.element)
    }

    public func exec(_ target: ServiceTarget, _ command: [String], timeout: Duration) async throws -> CommandResult {
        guard let instance = try await resolve(target).first(where: { $0.state == .running }) else {
            throw StackError(project: projectName, code: .noInstance(target: target))
        }
        let exec = Command("docker", ["exec", instance.containerID] + command, timeout: timeout)
        logger.debug("run", metadata: ["command": "\(exec.commandLine)"])
        return try await runner.run(exec)
    }

    public func readFile(_ path: String, from target: ServiceTarget) async throws -> [UInt8] {
        let instance = try await resolve(target)[0]
        // `docker cp` works on stopped containers too, unlike `exec cat`, and needs nothing
        // inside the image.
        let archive = try await docker(["cp", "\(instance.containerID):\(path)", "-"], outputLimit: 512 << 20)
        do {
            return try TarReader.firstFile(in: archive.outputBytes)
        } catch {
            throw StackError(project: projectName, code: .unreadableFile(path: "\(target):\(path)", problem: error.problem))
        }
    }

    /// Splits `docker logs --timestamps` output into lines with their times.
    static func logLines(_ text: String, instance: ServiceInstance, stream: LogLine.Stream) -> [LogLine] {
        text.split(whereSeparator: \.isNewline).map { line in
            let space = line.firstIndex(of: " ")
            let timestamp = space.flatMap { DockerTimestamp.parse(line[..<$0]) }
            let body = timestamp != nil ? line[line.index(after: space!)...] : line
            return LogLine(service: instance.service, index: instance.index, timestamp: timestamp, stream: stream, text: String(body))
        }
    }
}
