@testable import ChaosLab
import Foundation
import Testing

/// One container's output read as it is written, against a scripted Docker: the first answer,
/// restarts, removal, stopping, bounds.
@Suite("Container log follower", .timeLimit(.minutes(1)))
struct ContainerLogFollowerTests {
    static let second: Int64 = 1_000_000_000

    static func follower(_ docker: FakeDocker, id: String = "aaa111", options: LogOptions = LogOptions(pollInterval: .milliseconds(10))) -> ContainerLogFollower {
        let instance = ServiceInstance(service: "worker1", index: 1, containerID: id, containerName: "lab_worker1_1", state: .running, health: .none)
        return ContainerLogFollower(instance: instance, runner: docker, options: options, commandTimeout: .seconds(5))
    }

    /// The lines as `text@run`, the run's start in whole seconds or `?` for an earlier one.
    static func describe(_ lines: [LogLine]) -> [String] {
        lines.map { line in
            let run = line.run?.startedAt.map { String(Int(($0.timeIntervalSince1970 - Double(FakeDocker.origin)).rounded())) } ?? "?"
            return "\(line.text)@\(run)"
        }
    }

    /// Waits until `condition` holds, at most five seconds.
    static func eventually(_ what: Comment, _ condition: () async throws -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while try await !condition() {
            guard clock.now < deadline else {
                Issue.record("never happened: \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("the first answer holds the whole log; what comes later is followed, not read again")
    func firstAnswerThenFollow() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        docker.write("aaa111", "started", at: 1)
        docker.write("aaa111", "oops", at: 2, stream: .stderr)
        let follower = Self.follower(docker)
        #expect(Self.describe(try await follower.lines(since: nil)) == ["started@0", "oops@0"])
        docker.write("aaa111", "received m-1", at: 3 * Self.second)
        try await Self.eventually("the new line is read") { try await follower.lines(since: nil).count == 3 }
        #expect(try await follower.lines(since: FakeDocker.date(2 * Self.second)).map(\.text) == ["received m-1"])
        #expect(docker.commandLines.filter { $0.hasPrefix("docker logs") } == [
            "docker logs --timestamps aaa111",
            "docker logs --timestamps --follow --since 1795420800.000000002 aaa111",
        ])
        await follower.stop()
        #expect(docker.activeFollows == 0)
    }

    @Test("a container that runs once (a Swarm task) is read to its end once stopped, then no longer looked at; its lines stay")
    func runsOnce() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        docker.write("aaa111", "received m-1", at: 1 * Self.second)
        docker.stop("aaa111", at: 2 * Self.second)
        var options = LogOptions(pollInterval: .milliseconds(10))
        options.containersRunOnce = true
        let follower = Self.follower(docker, options: options)
        #expect(try await follower.lines(since: nil).map(\.text) == ["received m-1"])
        try await Task.sleep(for: .milliseconds(200))
        let inspections = docker.commandLines.filter { $0.hasPrefix("docker inspect") }.count
        #expect(inspections == 1, "inspected \(inspections) times after the stop")
        #expect(try await follower.lines(since: nil).map(\.text) == ["received m-1"])
        await follower.stop()
    }

    @Test("a container on another daemon (a Swarm node's) is inspected and read there, not on the default daemon")
    func onAnotherDaemon() async throws {
        let docker = FakeDocker(daemon: "unix:///run/chaoslab-swarm/clnode2/docker.sock")
        docker.add("aaa111")
        docker.write("aaa111", "received m-1", at: 1 * Self.second)
        let instance = ServiceInstance(service: "worker1", index: 1, containerID: "aaa111", containerName: "lab_worker1.1.x", state: .running, health: .none, node: "clnode2")
        let follower = ContainerLogFollower(
            instance: instance, runner: docker, options: LogOptions(pollInterval: .milliseconds(10)), commandTimeout: .seconds(5), dockerHost: docker.daemon
        )
        #expect(try await follower.lines(since: nil).map(\.text) == ["received m-1"])
        #expect(docker.commandLines.allSatisfy { $0.hasPrefix("docker -H unix:///run/chaoslab-swarm/clnode2/docker.sock ") }, "\(docker.commandLines)")
        await follower.stop()
    }

    @Test("a restart is read on from the last line seen, nothing twice, its lines marked with the new run")
    func restart() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        docker.write("aaa111", "received m-1", at: 1 * Self.second)
        let follower = Self.follower(docker)
        _ = try await follower.lines(since: nil)
        try await Self.eventually("following") { docker.activeFollows == 1 }
        // The last line before the stop and the first after the start share a nanosecond with
        // a line already read: `--since` repeats it, the follower must not.
        docker.write("aaa111", "received m-2", at: 2 * Self.second)
        docker.stop("aaa111", at: 3 * Self.second)
        try await Self.eventually("the follow ends with the run") { docker.activeFollows == 0 }
        docker.write("aaa111", "early", at: 4 * Self.second)
        docker.start("aaa111", at: 5 * Self.second)
        docker.write("aaa111", "received m-3", at: 6 * Self.second)
        try await Self.eventually("the new run is read") { try await follower.lines(since: nil).count == 4 }
        docker.write("aaa111", "done", at: 7 * Self.second)
        try await Self.eventually("and followed") { try await follower.lines(since: nil).count == 5 }
        // "early" is stamped before the run's recorded start but after the end of the run
        // before it: the new run wrote it.
        #expect(Self.describe(try await follower.lines(since: nil)) == ["received m-1@0", "received m-2@0", "early@5", "received m-3@5", "done@5"])
        #expect(docker.commandLines.filter { $0.hasPrefix("docker logs") }.last == "docker logs --timestamps --follow --since 1795420806.000000000 aaa111")
        await follower.stop()
    }

    @Test("lines at the same nanosecond as the last one read are not lost when the read resumes")
    func sameInstant() async throws {
        let docker = FakeDocker()
        docker.add("aaa111", running: false)
        docker.write("aaa111", "one", at: 5)
        let follower = Self.follower(docker)
        #expect(try await follower.lines(since: nil).map(\.text) == ["one"])
        docker.write("aaa111", "two", at: 5)
        docker.write("aaa111", "one", at: 5)
        docker.start("aaa111", at: 10)
        try await Self.eventually("the new run is read") { try await follower.lines(since: nil).count == 3 }
        #expect(try await follower.lines(since: nil).map(\.text) == ["one", "two", "one"])
        await follower.stop()
    }

    @Test("a container that ran before the first read: its earlier lines belong to an earlier run")
    func earlierRuns() async throws {
        let docker = FakeDocker()
        docker.add("aaa111", startedAt: 5 * Self.second, finishedAt: 4 * Self.second)
        docker.write("aaa111", "received m-1", at: 1 * Self.second)
        docker.write("aaa111", "received m-2", at: 6 * Self.second)
        let follower = Self.follower(docker)
        #expect(Self.describe(try await follower.lines(since: nil)) == ["received m-1@?", "received m-2@5"])
        await follower.stop()
    }

    @Test("a removed container's follower ends and keeps its lines")
    func removed() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        docker.write("aaa111", "bye", at: 1)
        let follower = Self.follower(docker)
        _ = try await follower.lines(since: nil)
        try await Self.eventually("following") { docker.activeFollows == 1 }
        docker.remove("aaa111")
        try await Self.eventually("the follow ends") { docker.activeFollows == 0 }
        let settled = docker.commandLines.count
        try await Task.sleep(for: .milliseconds(100))
        #expect(docker.commandLines.count <= settled + 1, "the follower keeps asking about a removed container")
        #expect(try await follower.lines(since: nil).map(\.text) == ["bye"])
    }

    @Test("stopping ends the follow, and nothing starts again afterwards")
    func stop() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        let follower = Self.follower(docker)
        _ = try await follower.lines(since: nil)
        try await Self.eventually("following") { docker.activeFollows == 1 }
        await follower.stop()
        #expect(docker.activeFollows == 0)
        let commands = docker.commandLines.count
        #expect(try await follower.lines(since: nil).isEmpty)
        try await Task.sleep(for: .milliseconds(50))
        #expect(docker.commandLines.count == commands)
    }

    @Test("only the most recent lines are kept; the dropped ones are counted")
    func bounded() async throws {
        let docker = FakeDocker()
        docker.add("aaa111", running: false)
        for index in 1...5 {
            docker.write("aaa111", "line \(index)", at: Int64(index), stream: index.isMultiple(of: 2) ? .stderr : .stdout)
        }
        let follower = Self.follower(docker, options: LogOptions(maxLines: 3, pollInterval: .milliseconds(10)))
        #expect(try await follower.lines(since: nil).map(\.text) == ["line 3", "line 4", "line 5"])
        #expect(await follower.droppedLines == 2)
        await follower.stop()
    }

    @Test("a Docker that cannot be reached makes the first answer an error naming the command")
    func unreachable() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        docker.setUnreachable(true)
        let follower = Self.follower(docker)
        let error = try await #require(throws: CommandError.self) {
            try await follower.lines(since: nil)
        }
        #expect(error.description == "`docker inspect --type container aaa111` exited with status 1; stderr: Cannot connect to the Docker daemon.")
        docker.setUnreachable(false)
        try await Self.eventually("the next attempt succeeds") { (try? await follower.lines(since: nil)) != nil }
        await follower.stop()
    }
}
