@testable import ChaosLab
import Foundation
import Testing

/// The commands the Swarm driver builds and how it reads the nodes' answers, against a
/// scripted runner standing in for `scripts/swarm.sh` and each node's Docker.
@Suite("Swarm driver commands")
struct SwarmDriverTests {
    static let nodes = """
        clnode1 10.213.0.11 unix:///run/chaoslab-swarm/clnode1/docker.sock 101
        clnode2 10.213.0.12 unix:///run/chaoslab-swarm/clnode2/docker.sock 102
        clnode3 10.213.0.13 unix:///run/chaoslab-swarm/clnode3/docker.sock 0
        """

    /// A task container of stack `lab` as `docker inspect` prints it.
    static func task(id: String, service: String, slot: Int, status: String, created: String, address: String) -> String {
        """
        {"Id":"\(id)","Created":"\(created)","Name":"/lab_\(service).\(slot).t\(id)","RestartCount":0,
         "State":{"Status":"\(status)","ExitCode":\(status == "running" ? 0 : 137),"StartedAt":"\(created)"},
         "Config":{"Labels":{"com.docker.stack.namespace":"lab","com.docker.swarm.service.name":"lab_\(service)",
           "com.docker.swarm.task.name":"lab_\(service).\(slot).t\(id)","com.docker.swarm.node.id":"n"}},
         "HostConfig":{"RestartPolicy":{"Name":""}},
         "NetworkSettings":{"Ports":{},"Networks":{"lab_default":{"Aliases":[],"IPAddress":"\(address)"}}}}
        """
    }

    /// Node 2 runs worker1's slot 1: an exited container Swarm replaced and the running one.
    static func script(_ command: Command) -> CommandResult {
        if command.executable == "scripts/swarm.sh" {
            return .scripted(command, stdout: nodes)
        }
        let arguments = command.arguments
        let onNode2 = arguments.starts(with: ["-H", "unix:///run/chaoslab-swarm/clnode2/docker.sock"])
        switch arguments.dropFirst(2).first {
        case "ps":
            return .scripted(command, stdout: onNode2 ? "old1\nnew2\n" : "")
        case "inspect":
            let old = task(id: "old1", service: "worker1", slot: 1, status: "exited", created: "2026-12-01T07:00:00.000000000Z", address: "10.0.1.5")
            let new = task(id: "new2", service: "worker1", slot: 1, status: "running", created: "2026-12-01T07:01:00.000000000Z", address: "10.0.1.9")
            return .scripted(command, stdout: "[\(old),\(new)]")
        default:
            return .scripted(command)
        }
    }

    func driver(_ runner: ScriptedRunner) -> SwarmDriver {
        SwarmDriver(
            configuration: ComposeConfiguration(projectName: "lab", composeFile: "/nonexistent/compose.yml", cli: .standalone),
            lab: SwarmLab(runner: runner), runner: runner
        )
    }

    @Test("an instance is a task slot: its running container, on the node that runs it; nodes that are down are not asked")
    func instances() async throws {
        let runner = ScriptedRunner(Self.script)
        let instances = try await driver(runner).instances()
        #expect(instances.count == 1)
        let worker = try #require(instances.first)
        #expect(worker.service == "worker1" && worker.index == 1)
        #expect(worker.containerID == "new2" && worker.state == .running)
        #expect(worker.node == "clnode2")
        #expect(worker.addresses == ["10.0.1.9"])
        #expect(worker.directAddress == nil)
        #expect(worker.restartPolicy == "swarm")
        #expect(!runner.commandLines.contains { $0.contains("clnode3") })
    }

    @Test("a kill goes to the task's container on its node's daemon")
    func kill() async throws {
        let runner = ScriptedRunner(Self.script)
        try await driver(runner).kill("worker1", signal: .kill)
        #expect(runner.commandLines.last == "docker -H unix:///run/chaoslab-swarm/clnode2/docker.sock kill -s KILL new2")
    }

    @Test("stopping a service of one replica scales it to zero on the manager; starting gives the replica back")
    func stopAndStart() async throws {
        let runner = ScriptedRunner(Self.script)
        let driver = driver(runner)
        try await driver.stop("worker1", timeout: .seconds(5))
        #expect(runner.commandLines.last == "docker -H unix:///run/chaoslab-swarm/clnode1/docker.sock service scale --detach=false lab_worker1=0")
        try await driver.start("worker1")
        #expect(runner.commandLines.contains("docker -H unix:///run/chaoslab-swarm/clnode1/docker.sock service scale --detach=true lab_worker1=1"))
    }

    @Test("no Swarm nodes is a one-line error saying how to make them")
    func noNodes() async throws {
        let runner = ScriptedRunner { .scripted($0) }
        let error = try await #require(throws: StackError.self) { try await driver(runner).instances() }
        #expect(error.description.contains("make swarm-up"))
    }

    @Test("a line of scripts/swarm.sh nodes that is not `name address socket pid` is named")
    func unreadableNodes() {
        #expect(throws: StackError.self) { try SwarmNode.parse("clnode1 10.213.0.11\n", project: "lab") }
        #expect(SwarmLab.index(of: SwarmNode(name: "clnode12", address: "", socket: "", daemonPID: 0)) == "12")
    }

    @Test("disconnecting is refused on Swarm with the reason")
    func disconnect() async throws {
        let runner = ScriptedRunner(Self.script)
        let error = try await #require(throws: StackError.self) { try await driver(runner).disconnect("worker1") }
        #expect(error.description.contains("Swarm-scoped networks"))
    }
}
