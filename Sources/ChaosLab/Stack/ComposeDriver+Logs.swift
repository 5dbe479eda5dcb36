public import Foundation

extension ComposeDriver {
    public func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine] {
        try await logs(target, since: since, tail: nil)
    }

    /// What the target wrote, oldest first, from `since` on and at most the last `tail` lines
    /// per instance.
    func logs(_ target: ServiceTarget, since: Date?, tail: Int?) async throws -> [LogLine] {
        var lines: [LogLine] = []
        for instance in try await resolve(target) {
            var arguments = ["logs", "--timestamps"]
            if let since {
                arguments += ["--since", String(format: "%.6f", since.timeIntervalSince1970)]
            }
            if let tail {
                arguments += ["--tail", String(tail)]
            }
            let command = Command("docker", arguments + [instance.containerID], timeout: configuration.commandTimeout, outputLimit: 64 << 20, errorLimit: 64 << 20)
            let result = try await runner.check(command)
            lines += Self.logLines(result.stdout, instance: instance, stream: .stdout)
            lines += Self.logLines(result.stderr, instance: instance, stream: .stderr)
        }
        // Stable: lines of equal (or missing) time keep their order within their stream.
        return lines.enumerated().sorted { left, right in
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
