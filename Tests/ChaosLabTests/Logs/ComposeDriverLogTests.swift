@testable import ChaosLab
import Foundation
import Testing

/// The driver's `logs` answered from followers: one `docker logs --follow` per container,
/// recreated containers, and `down` leaving no reader behind.
@Suite("Compose driver logs", .timeLimit(.minutes(1)))
struct ComposeDriverLogTests {
    static func driver(_ docker: FakeDocker) -> ComposeDriver {
        ComposeDriver(
            configuration: ComposeConfiguration(projectName: "lab", composeFile: "/nonexistent/compose.yml", cli: .standalone),
            runner: docker,
            logOptions: LogOptions(pollInterval: .milliseconds(10))
        )
    }

    @Test("polling logs reads each container once and answers from memory")
    func readOnce() async throws {
        let docker = FakeDocker()
        docker.add("aaa111", index: 1)
        docker.add("bbb222", index: 2)
        docker.write("aaa111", "received m-1", at: 2_000)
        docker.write("bbb222", "received m-2", at: 1_000)
        let driver = Self.driver(docker)
        for _ in 1...5 {
            let lines = try await driver.logs("worker1", since: nil)
            #expect(lines.map(\.text) == ["received m-2", "received m-1"])
            #expect(lines.map(\.index) == [2, 1])
        }
        try await ContainerLogFollowerTests.eventually("both followed") { docker.activeFollows == 2 }
        let reads = docker.commandLines.filter { $0.hasPrefix("docker logs") }
        #expect(reads.count == 4, "one read to the end and one follow per container: \(reads)")
        #expect(try await driver.droppedLogLines("worker1") == 0)
        try await driver.down(removeVolumes: false)
    }

    @Test("a recreated container's lines come after the old one's, with another run")
    func recreated() async throws {
        let docker = FakeDocker()
        docker.add("aaa111", startedAt: 0)
        docker.write("aaa111", "received m-1", at: 1_000)
        let driver = Self.driver(docker)
        _ = try await driver.logs("worker1", since: nil)
        docker.remove("aaa111")
        docker.add("ccc333", startedAt: 2_000)
        docker.write("ccc333", "received m-2", at: 3_000)
        let lines = try await driver.logs(.instance("worker1", 1), since: nil)
        #expect(lines.map(\.text) == ["received m-1", "received m-2"])
        #expect(lines.map { $0.run?.containerID } == ["aaa111", "ccc333"])
        try await driver.down(removeVolumes: false)
    }

    @Test("down stops every follow: no docker logs is left running, and the lines are forgotten")
    func downStopsFollowing() async throws {
        let docker = FakeDocker()
        docker.add("aaa111")
        let driver = Self.driver(docker)
        _ = try await driver.logs("worker1", since: nil)
        try await ContainerLogFollowerTests.eventually("following") { docker.activeFollows == 1 }
        // The fake's containers outlive `down`, so only stopping the follower ends its follow.
        try await driver.down(removeVolumes: false)
        #expect(docker.activeFollows == 0)
        #expect(await driver.followers.isEmpty)
    }
}
