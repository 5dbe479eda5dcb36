@testable import ChaosLab
import Testing

@Suite("Compose command detection")
struct ComposeCLIDetectionTests {
    @Test("`docker compose` (v2) is preferred when it works")
    func prefersPlugin() async throws {
        let runner = ScriptedRunner { .scripted($0, stdout: "Docker Compose version v2.29.0\n") }
        #expect(try await ComposeCLI.detect(using: runner, project: "chaoslab") == .plugin)
        #expect(runner.commandLines == ["docker compose version"])
    }

    @Test("`docker-compose` (v1) is used when the plugin is missing")
    func fallsBackToStandalone() async throws {
        let runner = ScriptedRunner { command in
            command.executable == "docker"
                ? .scripted(command, status: 1, stderr: "docker: unknown command: docker compose\n")
                : .scripted(command, stdout: "docker-compose version 1.29.2, build unknown\n")
        }
        #expect(try await ComposeCLI.detect(using: runner, project: "chaoslab") == .standalone)
        #expect(runner.commandLines == ["docker compose version", "docker-compose version"])
    }

    @Test("neither working is one error listing why each failed")
    func neither() async throws {
        let runner = ScriptedRunner { command in
            if command.executable == "docker" {
                return .scripted(command, status: 1, stderr: "docker: unknown command: docker compose\n")
            }
            throw CommandError(commandLine: command.commandLine, code: .launchFailed(reason: "`docker-compose` was not found in PATH"))
        }
        let error = try await #require(throws: StackError.self) {
            try await ComposeCLI.detect(using: runner, project: "chaoslab")
        }
        #expect(error.description == "Neither `docker compose` (v2) nor `docker-compose` (v1) can be run: `docker compose version` failed (docker: unknown command: docker compose); `docker-compose version` could not be started: `docker-compose` was not found in PATH.")
    }

    @Test("the driver detects once and uses the detected command for compose calls")
    func driverDetectsOnce() async throws {
        let runner = ScriptedRunner { command in
            if command.commandLine == "docker compose version" {
                return .scripted(command, status: 1, stderr: "docker: unknown command: docker compose\n")
            }
            return .scripted(command)
        }
        let driver = ComposeDriver(
            configuration: ComposeConfiguration(projectName: "lab", composeFile: "/nonexistent/compose.yml"),
            runner: runner
        )
        #expect(try await driver.composeCLI() == .standalone)
        #expect(try await driver.composeCLI() == .standalone)
        #expect(runner.commandLines == ["docker compose version", "docker-compose version"])
    }

    @Test("a configured command skips detection")
    func configured() async throws {
        let runner = ScriptedRunner { .scripted($0) }
        let driver = ComposeDriver(configuration: ComposeConfiguration(cli: .plugin), runner: runner)
        #expect(try await driver.composeCLI() == .plugin)
        #expect(runner.commandLines.isEmpty)
    }

    @Test("commands for each form")
    func commands() {
        #expect(ComposeCLI.plugin.command(["-p", "x", "up", "-d"]).commandLine == "docker compose -p x up -d")
        #expect(ComposeCLI.standalone.command(["-p", "x", "up", "-d"]).commandLine == "docker-compose -p x up -d")
    }
}
