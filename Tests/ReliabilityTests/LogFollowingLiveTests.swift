import ChaosLab
import Foundation
import Testing

/// The driver's log reading against a real Docker, on one throwaway container that carries a
/// compose project's labels (no stack needed): the output of two runs read once each, in
/// order, nothing repeated, each line marked with its run; `down` removes the container.
@Suite("Log following on a lone container", .timeLimit(.minutes(1)))
struct LogFollowingLiveTests {
    @Test("a container's second run is read on after the first, each line once, with its run")
    func restartIsFollowed() async throws {
        let project = "chaoslab-logs-\(UUID().uuidString.prefix(8).lowercased())"
        let runner = CommandRunner()
        let driver = ComposeDriver(configuration: ComposeConfiguration(projectName: project, composeFile: "/nonexistent/compose.yml", cli: .standalone))
        let script = "echo start; i=0; while [ $i -lt 5 ]; do echo line $i; echo warn $i >&2; i=$((i+1)); sleep 0.05; done; sleep 1"
        try await runner.check(Command("docker", [
            "run", "-d", "--name", "\(project)-probe-1",
            "--label", "com.docker.compose.project=\(project)", "--label", "com.docker.compose.service=probe",
            "--label", "com.docker.compose.container-number=1", "--label", "com.docker.compose.oneoff=False",
            "--entrypoint", "sh", "chaoslab/fixture:latest", "-c", script,
        ], timeout: .seconds(30)))
        do {
            _ = try await driver.logs("probe", since: nil)
            try await Wait.until("the first run to end", deadline: .seconds(20), every: .milliseconds(100)) {
                try await driver.instances(of: "probe").first?.state == .exited ? true : nil
            }
            try await driver.start("probe")
            let lines = try await Wait.until("both runs to be read", deadline: .seconds(20), every: .milliseconds(100)) { () async throws -> [LogLine]? in
                let lines = try await driver.logs("probe", since: nil)
                return lines.count >= 22 ? lines : nil
            }
            try await Task.sleep(for: .milliseconds(300))
            let run = ["start"] + (0..<5).flatMap { ["line \($0)", "warn \($0)"] }
            #expect(try await driver.logs("probe", since: nil).count == 22, "a line was read twice")
            let sorted = lines.map(\.text)
            #expect(sorted.filter { $0.hasPrefix("line") || $0 == "start" } == (run + run).filter { !$0.hasPrefix("warn") })
            #expect(Set(sorted) == Set(run))
            let runs = lines.compactMap(\.run)
            #expect(runs.count == 22)
            #expect(Set(runs.prefix(11)).count == 1 && Set(runs.suffix(11)).count == 1)
            #expect(runs.first != runs.last)
            #expect(try await driver.droppedLogLines("probe") == 0)
        } catch {
            try? await driver.down(removeVolumes: false)
            throw error
        }
        try await driver.down(removeVolumes: false)
        #expect(try await driver.instances(of: nil).isEmpty)
    }
}
