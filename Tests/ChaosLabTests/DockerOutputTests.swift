@testable import ChaosLab
import Foundation
import Testing

@Suite("Docker output")
struct DockerOutputTests {
    static let inspectJSON = """
        [{"Id":"0123456789abcdef","Name":"/chaoslab_rabbitmq_1","RestartCount":2,
          "State":{"Status":"running","ExitCode":0,"StartedAt":"2026-11-23T08:12:13.250000000Z",
                   "Health":{"Status":"healthy","FailingStreak":0,"Log":[]}},
          "Config":{"Labels":{"com.docker.compose.project":"chaoslab","com.docker.compose.service":"rabbitmq",
                              "com.docker.compose.container-number":"1"}},
          "HostConfig":{"RestartPolicy":{"Name":"unless-stopped"}},
          "NetworkSettings":{"Ports":{"5672/tcp":[{"HostIp":"127.0.0.1","HostPort":"5672"}],"4369/tcp":null,
                                      "15672/tcp":[{"HostIp":"127.0.0.1","HostPort":"15672"}]},
                             "Networks":{"chaoslab_default":{"Aliases":["rabbitmq","0123456789ab"]}}}},
         {"Id":"fedcba","Name":"/chaoslab_api_run_1","State":{"Status":"exited","ExitCode":0},
          "Config":{"Labels":{"com.docker.compose.service":"api","com.docker.compose.oneoff":"True"}}}]
        """

    @Test("docker inspect becomes service instances; one-off containers are not instances")
    func inspection() throws {
        let inspections = try ContainerInspection.decode(Array(Self.inspectJSON.utf8))
        #expect(inspections.count == 2)
        let broker = try #require(inspections[0].instance)
        #expect(broker.service == "rabbitmq")
        #expect(broker.containerName == "chaoslab_rabbitmq_1")
        #expect(broker.shortID == "0123456789ab")
        #expect(broker.state == .running)
        #expect(broker.health == .healthy)
        #expect(broker.restartCount == 2)
        #expect(broker.restartPolicy == "unless-stopped")
        #expect(broker.startedAt == Date(timeIntervalSince1970: 1_795_421_533.25))
        #expect(broker.ports.map(\.description) == ["127.0.0.1:5672->5672/tcp", "127.0.0.1:15672->15672/tcp"])
        #expect(inspections[0].attachments == [NetworkAttachment(network: "chaoslab_default", aliases: ["rabbitmq", "0123456789ab"])])
        #expect(inspections[1].instance == nil)
    }

    @Test(
        "Docker timestamps",
        arguments: [
            ("2026-11-23T08:12:13Z", 1_795_421_533.0),
            ("2026-11-23T08:12:13.5Z", 1_795_421_533.5),
            ("2026-11-23T08:12:13.123456789Z", 1_795_421_533.123456789),
            ("2026-11-23T09:12:13+01:00", 1_795_421_533.0),
        ]
    )
    func timestamps(text: String, seconds: Double) throws {
        let date = try #require(DockerTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_01)
    }

    @Test("Docker's zero time and non-timestamps are nil", arguments: ["0001-01-01T00:00:00Z", "hello world", "2026-11-23 08:12:13", ""])
    func notTimestamps(text: String) {
        #expect(DockerTimestamp.parse(text) == nil)
    }

    @Test("the first regular file is read out of a tar stream")
    func tar() async throws {
        try await withTemporaryDirectory { directory in
            try "line one\nline two\n".write(toFile: "\(directory)/messages.log", atomically: true, encoding: .utf8)
            let archive = try await CommandRunner().check(Command("tar", ["-C", directory, "-cf", "-", "messages.log"]))
            #expect(try TarReader.firstFile(in: archive.outputBytes) == Array("line one\nline two\n".utf8))
            // A folder of the test's own: /tmp changes under a parallel run, and tar then fails.
            try FileManager.default.createDirectory(atPath: "\(directory)/folder", withIntermediateDirectories: false)
            let folder = try await CommandRunner().check(Command("tar", ["-C", directory, "-cf", "-", "--no-recursion", "folder"]))
            #expect(throws: TarReader.Failure.self) { try TarReader.firstFile(in: folder.outputBytes) }
        }
    }

    @Test("a cut or empty archive is an error")
    func badTar() {
        #expect(throws: TarReader.Failure.self) { try TarReader.firstFile(in: []) }
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(124..<136, with: Array("00000001000\0".utf8))
        header[156] = UInt8(ascii: "0")
        #expect(throws: TarReader.Failure.self) { try TarReader.firstFile(in: header) }
    }
}
