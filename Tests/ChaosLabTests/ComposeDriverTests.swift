@testable import ChaosLab
import Foundation
import Testing

/// The commands the driver builds and how it reads Docker's answers, against a scripted runner.
@Suite("Compose driver commands")
struct ComposeDriverTests {
    static let inspectJSON = """
        [{"Id":"aaa111","Name":"/lab_worker1_1","RestartCount":0,
          "State":{"Status":"running","ExitCode":0,"StartedAt":"2026-11-23T08:12:13.123456789Z"},
          "Config":{"Labels":{"com.docker.compose.project":"lab","com.docker.compose.service":"worker1","com.docker.compose.container-number":"1","com.docker.compose.oneoff":"False"}},
          "HostConfig":{"RestartPolicy":{"Name":"","MaximumRetryCount":0}},
          "NetworkSettings":{"Ports":{},"Networks":{"lab_default":{"Aliases":["worker1","aaa111"]}}}}]
        """

    func driver(_ runner: ScriptedRunner) -> ComposeDriver {
        ComposeDriver(configuration: ComposeConfiguration(projectName: "lab", composeFile: "/nonexistent/compose.yml", cli: .standalone), runner: runner)
    }

    /// A driver of project `lab` on `yaml`, written as `folder`/docker-compose.yml.
    func driver(_ runner: ScriptedRunner, composeFile yaml: String, in folder: String) throws -> (driver: ComposeDriver, file: String) {
        let file = folder + "/docker-compose.yml"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return (ComposeDriver(configuration: ComposeConfiguration(projectName: "lab", composeFile: file, cli: .standalone), runner: runner), file)
    }

    /// Answers `docker ps -q` with one container of worker1 and `docker inspect` with its JSON.
    static func dockerWithWorker1(_ command: Command) -> CommandResult {
        switch command.arguments.first {
        case "ps" where command.arguments.contains("-q"):
            command.arguments.contains("label=com.docker.compose.service=worker1") ? .scripted(command, stdout: "aaa111\n") : .scripted(command)
        case "inspect":
            .scripted(command, stdout: inspectJSON)
        default:
            .scripted(command)
        }
    }

    @Test("kill resolves the service by labels and sends the signal by name")
    func kill() async throws {
        let runner = ScriptedRunner(Self.dockerWithWorker1)
        try await driver(runner).kill("worker1", signal: .kill)
        #expect(runner.commandLines == [
            "docker ps -a -q --no-trunc --filter label=com.docker.compose.project=lab --filter label=com.docker.compose.service=worker1",
            "docker inspect aaa111",
            "docker kill -s KILL aaa111",
        ])
    }

    @Test("one instance is selected by its container number")
    func instanceTarget() async throws {
        let runner = ScriptedRunner(Self.dockerWithWorker1)
        try await driver(runner).pause(.instance("worker1", 1))
        #expect(runner.commandLines.first?.hasSuffix("--filter label=com.docker.compose.container-number=1") == true)
        #expect(runner.commandLines.last == "docker pause aaa111")
    }

    @Test("stop and restart pass the grace period in whole seconds, rounded up")
    func stopTimeout() async throws {
        let runner = ScriptedRunner(Self.dockerWithWorker1)
        try await driver(runner).stop("worker1", timeout: .milliseconds(1500))
        try await driver(runner).restart("worker1", timeout: .seconds(3))
        #expect(runner.commandLines.contains("docker stop -t 2 aaa111"))
        #expect(runner.commandLines.contains("docker restart -t 3 aaa111"))
    }

    @Test("a service without containers is an error naming it")
    func noInstance() async throws {
        let runner = ScriptedRunner(Self.dockerWithWorker1)
        let error = try await #require(throws: StackError.self) {
            try await driver(runner).kill("worker9", signal: .terminate)
        }
        #expect(error.description == "Project `lab` has no container for `worker9`.")
    }

    @Test("instances are read from docker inspect")
    func instances() async throws {
        let runner = ScriptedRunner { command in
            command.arguments.first == "ps" ? .scripted(command, stdout: "aaa111\n") : Self.dockerWithWorker1(command)
        }
        let instances = try await driver(runner).instances(of: nil)
        #expect(instances.count == 1)
        let worker = try #require(instances.first)
        #expect(worker.service == "worker1")
        #expect(worker.containerName == "lab_worker1_1")
        #expect(worker.state == .running)
        #expect(worker.health == .none)
        #expect(worker.restartPolicy == "no")
        #expect(worker.networks == ["lab_default"])
        #expect(worker.isReady)
    }

    @Test("disconnect remembers the aliases and connect restores them")
    func network() async throws {
        let cut = Flag()
        let runner = ScriptedRunner { command in
            if command.arguments.first == "network" { cut.done = command.arguments[1] == "disconnect" }
            if command.arguments.first == "inspect", cut.done {
                return .scripted(command, stdout: Self.inspectJSON.replacingOccurrences(of: #"{"lab_default":{"Aliases":["worker1","aaa111"]}}"#, with: "{}"))
            }
            return Self.dockerWithWorker1(command)
        }
        let driver = driver(runner)
        try await driver.disconnect("worker1")
        #expect(runner.commandLines.contains("docker network disconnect lab_default aaa111"))
        try await driver.connect("worker1")
        #expect(runner.commandLines.last == "docker network connect --alias worker1 lab_default aaa111")
    }

    @Test("up builds the services that have a build: before starting anything")
    func upBuildsFirst() async throws {
        try await withTemporaryDirectory { folder in
            let runner = ScriptedRunner { .scripted($0) }
            let (driver, file) = try driver(runner, composeFile: """
                services:
                  broker:
                    image: rabbitmq:3-management
                  sender:
                    build: ./sender
                  worker:
                    build:
                      context: ./worker
                """, in: folder)
            // Nothing ever runs here, so the start deadline passes; only the order matters.
            await #expect(throws: StackError.self) {
                try await driver.up(UpOptions(deadline: .milliseconds(10), keepOnFailure: true))
            }
            let compose = runner.commandLines.filter { $0.hasPrefix("docker-compose") }
            #expect(compose.first == "docker-compose -p lab -f \(file) build sender worker")
            #expect(compose.dropFirst().first == "docker-compose -p lab -f \(file) up -d --remove-orphans")
        }
    }

    @Test("up of a stack without build: builds nothing")
    func upWithoutBuild() async throws {
        try await withTemporaryDirectory { folder in
            let runner = ScriptedRunner { .scripted($0) }
            let (driver, _) = try driver(runner, composeFile: "services:\n  broker:\n    image: rabbitmq:3-management\n", in: folder)
            await #expect(throws: StackError.self) {
                try await driver.up(UpOptions(deadline: .milliseconds(10), keepOnFailure: true))
            }
            #expect(!runner.commandLines.contains { $0.contains(" build") })
        }
    }

    @Test("down without a compose file removes by label and verifies")
    func downSweeps() async throws {
        let swept = Flag()
        let runner = ScriptedRunner { command in
            let line = command.commandLine
            if line.hasPrefix("docker ps -a --format") {
                return .scripted(command, stdout: swept.done ? "" : "lab_worker1_1\n")
            }
            if line.hasPrefix("docker network ls") {
                return .scripted(command, stdout: swept.done ? "" : "lab_default\n")
            }
            if line.hasPrefix("docker volume ls") {
                return .scripted(command, stdout: swept.done ? "" : "lab_data\n")
            }
            if line.hasPrefix("docker volume rm") { swept.done = true }
            return .scripted(command)
        }
        try await driver(runner).down(removeVolumes: true)
        #expect(runner.commandLines.contains("docker rm -f -v lab_worker1_1"))
        #expect(runner.commandLines.contains("docker network rm lab_default"))
        #expect(runner.commandLines.contains("docker volume rm -f lab_data"))
        #expect(!runner.commandLines.contains { $0.hasPrefix("docker-compose") })
    }

    @Test("down with the volumes kills at once; down that keeps them stops gracefully first")
    func downStopTimeout() async throws {
        try await withTemporaryDirectory { folder in
            let runner = ScriptedRunner { .scripted($0) }
            let (driver, file) = try driver(runner, composeFile: "services:\n  broker:\n    image: rabbitmq:3-management\n", in: folder)
            try await driver.down(removeVolumes: true)
            try await driver.down(removeVolumes: false)
            let downs = runner.commandLines.filter { $0.hasPrefix("docker-compose") }
            #expect(downs == ["docker-compose -p lab -f \(file) down --remove-orphans -t 0 -v", "docker-compose -p lab -f \(file) down --remove-orphans -t 10"])
        }
    }

    @Test("what survives down is an error listing it")
    func downLeftovers() async throws {
        let runner = ScriptedRunner { command in
            command.commandLine.hasPrefix("docker network ls") ? .scripted(command, stdout: "lab_default\n") : .scripted(command)
        }
        let error = try await #require(throws: StackError.self) {
            try await driver(runner).down(removeVolumes: false)
        }
        #expect(error.description == "Project `lab` still has networks lab_default after `down`.")
        #expect(!runner.commandLines.contains { $0.hasPrefix("docker volume") })
    }

    @Test("exec returns a failing command as a result")
    func exec() async throws {
        let runner = ScriptedRunner { command in
            command.arguments.first == "exec" ? .scripted(command, status: 3, stderr: "oops\n") : Self.dockerWithWorker1(command)
        }
        let result = try await driver(runner).exec("worker1", ["sh", "-c", "exit 3"])
        #expect(result.status == .exited(3))
        #expect(runner.commandLines.last == "docker exec aaa111 sh -c 'exit 3'")
    }

    @Test("log lines are split from their timestamps and merged in time order")
    func logLines() {
        let instance = ServiceInstance(service: "worker1", index: 1, containerID: "aaa", containerName: "lab_worker1_1", state: .running, health: .none)
        let out = ComposeDriver.logLines("2026-11-23T08:00:01.5Z [worker1] done id=1\n2026-11-23T08:00:00Z started\n", instance: instance, stream: .stdout)
        #expect(out.map(\.text) == ["[worker1] done id=1", "started"])
        #expect(out[0].timestamp == Date(timeIntervalSince1970: 1_795_420_801.5))
        let odd = ComposeDriver.logLines("no timestamp here\r\n", instance: instance, stream: .stderr)
        #expect(odd == [LogLine(service: "worker1", index: 1, timestamp: nil, stream: .stderr, text: "no timestamp here")])
    }

    @Test("the project name is checked before anything runs")
    func invalidProject() async throws {
        let runner = ScriptedRunner { .scripted($0) }
        let driver = ComposeDriver(configuration: ComposeConfiguration(projectName: "Chaos Lab"), runner: runner)
        let error = try await #require(throws: StackError.self) {
            try await driver.down(removeVolumes: true)
        }
        #expect(error.description == "Project name \"Chaos Lab\" is invalid: use lowercase letters, digits, `-` and `_`, starting with a letter or digit.")
        #expect(runner.commandLines.isEmpty)
    }

    @Test("configuration comes from CHAOSLAB_PROJECT and CHAOSLAB_COMPOSE_FILE")
    func configurationFromEnvironment() {
        let configured = ComposeConfiguration.fromEnvironment(["CHAOSLAB_PROJECT": "other", "CHAOSLAB_COMPOSE_FILE": "stack.yml"])
        #expect(configured.projectName == "other")
        #expect(configured.composeFile == "stack.yml")
        let defaults = ComposeConfiguration.fromEnvironment(["CHAOSLAB_PROJECT": ""])
        #expect(defaults.projectName == "chaoslab")
        #expect(defaults.composeFile == "compose/docker-compose.yml")
    }
}

/// A flag a script flips when the scripted stack changes (swept, cut off).
private final class Flag: @unchecked Sendable {
    var done = false
}
