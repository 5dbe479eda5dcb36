@testable import ChaosLab
import Foundation
import Testing

/// The iptables and tc commands the compose driver runs in a container's network namespace,
/// against a scripted Docker and a fake namespace.
@Suite("Network impairments")
struct NetworkImpairmentTests {
    static func inspectJSON(pid: Int, status: String = "running") -> String {
        """
        [{"Id":"aaa111","Name":"/lab_worker1_1","RestartCount":0,
          "State":{"Status":"\(status)","ExitCode":0,"Pid":\(pid),"StartedAt":"2026-11-23T08:12:13.123456789Z"},
          "Config":{"Labels":{"com.docker.compose.project":"lab","com.docker.compose.service":"worker1","com.docker.compose.container-number":"1"}},
          "NetworkSettings":{"Ports":{},"Networks":{"lab_default":{"Aliases":["worker1"],"IPAddress":"172.18.0.5"}}}}]
        """
    }

    /// A runner where worker1 is one container with pid `pid` whose namespace is `namespace`.
    static func runner(_ namespace: FakeNetworkNamespace, pid: Int = 4242, status: String = "running") -> ScriptedRunner {
        ScriptedRunner { command in
            switch (command.executable, command.arguments.first) {
            case ("docker", "ps"):
                return command.arguments.contains("label=com.docker.compose.service=worker1") ? .scripted(command, stdout: "aaa111\n") : .scripted(command)
            case ("docker", "inspect"):
                return .scripted(command, stdout: inspectJSON(pid: pid, status: status))
            case ("nsenter", _):
                #expect(Array(command.arguments.prefix(3)) == ["-t", String(pid), "-n"])
                let (status, stdout, stderr) = namespace.answer(Array(command.arguments.dropFirst(3)))
                return .scripted(command, status: status, stdout: stdout, stderr: stderr)
            default:
                return .scripted(command)
            }
        }
    }

    func driver(_ runner: ScriptedRunner) -> ComposeDriver {
        ComposeDriver(configuration: ComposeConfiguration(projectName: "lab", composeFile: "/nonexistent/compose.yml", cli: .standalone), runner: runner)
    }

    /// The commands run inside the namespace, as shell lines without the `nsenter` prefix.
    func inNamespace(_ runner: ScriptedRunner) -> [String] {
        runner.commands.filter { $0.executable == "nsenter" }.map { Command($0.arguments[3], Array($0.arguments.dropFirst(4))).commandLine }
    }

    @Test("a partition drops traffic from and to each peer in the lab's chain, jumped to from INPUT and OUTPUT")
    func partition() async throws {
        let namespace = FakeNetworkNamespace()
        let runner = Self.runner(namespace)
        try await driver(runner).partition("worker1", from: ["172.18.0.2", "172.19.0.3"])
        #expect(runner.commandLines.filter { $0.hasPrefix("nsenter") }.first == "nsenter -t 4242 -n iptables -w -S")
        #expect(inNamespace(runner) == [
            "iptables -w -S",
            "iptables -w -N CHAOSLAB",
            "iptables -w -A CHAOSLAB -s 172.18.0.2 -j DROP",
            "iptables -w -A CHAOSLAB -d 172.18.0.2 -j DROP",
            "iptables -w -A CHAOSLAB -s 172.19.0.3 -j DROP",
            "iptables -w -A CHAOSLAB -d 172.19.0.3 -j DROP",
            "iptables -w -I INPUT 1 '!' -i lo -j CHAOSLAB",
            "iptables -w -I OUTPUT 1 '!' -o lo -j CHAOSLAB",
        ])
    }

    @Test("packet loss is a statistic rule in the same chain, whose jumps are not added twice")
    func packetLoss() async throws {
        let namespace = FakeNetworkNamespace()
        let runner = Self.runner(namespace)
        let driver = driver(runner)
        try await driver.partition("worker1", from: ["172.18.0.2"])
        let before = inNamespace(runner).count
        try await driver.dropPackets("worker1", probability: 0.25)
        #expect(Array(inNamespace(runner).dropFirst(before)) == [
            "iptables -w -S",
            "iptables -w -A CHAOSLAB -m statistic --mode random --probability 0.25 -j DROP",
        ])
        #expect(namespace.snapshot.rules["INPUT"] == ["! -i lo -j CHAOSLAB"])
    }

    @Test("a bandwidth limit is the lab's tbf on each eth interface, added first and then replaced")
    func bandwidth() async throws {
        let namespace = FakeNetworkNamespace(devices: ["eth0", "eth1"])
        let runner = Self.runner(namespace)
        let driver = driver(runner)
        try await driver.limitBandwidth("worker1", kilobitsPerSecond: 512)
        #expect(inNamespace(runner) == [
            "ip -o link show",
            "tc qdisc show dev eth0 root",
            "tc qdisc add dev eth0 root handle ca05: tbf rate 512kbit burst 6400 latency 500ms",
            "tc qdisc show dev eth1 root",
            "tc qdisc add dev eth1 root handle ca05: tbf rate 512kbit burst 6400 latency 500ms",
        ])
        try await driver.limitBandwidth("worker1", kilobitsPerSecond: 64)
        #expect(inNamespace(runner).last == "tc qdisc replace dev eth1 root handle ca05: tbf rate 64kbit burst 4096 latency 500ms")
    }

    @Test("a bandwidth limit never replaces a root qdisc someone else set")
    func foreignQdisc() async throws {
        let namespace = FakeNetworkNamespace(state: .init(qdiscs: ["eth0": "htb 1:"]))
        await #expect(throws: CommandError.self) {
            try await driver(Self.runner(namespace)).limitBandwidth("worker1", kilobitsPerSecond: 256)
        }
        #expect(namespace.snapshot.qdiscs == ["eth0": "htb 1:"])
    }

    @Test("restoring removes exactly what partition, loss and the limit added, and keeps the rest")
    func restoreIsExact() async throws {
        let others = FakeNetworkNamespace.State(
            chains: ["KEEP"],
            rules: ["INPUT": ["-p tcp -m tcp --dport 22 -j ACCEPT"], "OUTPUT": ["-j KEEP"], "KEEP": ["-d 10.0.0.1/32 -j REJECT"]],
            qdiscs: [:]
        )
        let namespace = FakeNetworkNamespace(devices: ["eth0"], state: others)
        let runner = Self.runner(namespace)
        let driver = driver(runner)
        try await driver.partition("worker1", from: ["172.18.0.2"])
        try await driver.dropPackets("worker1", probability: 0.5)
        try await driver.limitBandwidth("worker1", kilobitsPerSecond: 128)
        #expect(namespace.snapshot != others)
        let before = inNamespace(runner).count
        try await driver.restoreNetwork("worker1")
        #expect(namespace.snapshot == others)
        #expect(Array(inNamespace(runner).dropFirst(before)) == [
            "iptables -w -S",
            "iptables -w -D INPUT '!' -i lo -j CHAOSLAB",
            "iptables -w -D OUTPUT '!' -o lo -j CHAOSLAB",
            "iptables -w -F CHAOSLAB",
            "iptables -w -X CHAOSLAB",
            "ip -o link show",
            "tc qdisc show dev eth0 root",
            "tc qdisc del dev eth0 root handle ca05:",
        ])
        // A second restore finds nothing of the lab's and changes nothing.
        try await driver.restoreNetwork("worker1")
        #expect(namespace.snapshot == others)
    }

    @Test("restoring a container that does not run enters no namespace: its network went with it")
    func restoreStopped() async throws {
        let runner = Self.runner(FakeNetworkNamespace(), pid: 0, status: "exited")
        try await driver(runner).restoreNetwork("worker1")
        #expect(!runner.commandLines.contains { $0.hasPrefix("nsenter") })
    }

    @Test("impairing a container that does not run names it and its state")
    func notRunning() async throws {
        let runner = Self.runner(FakeNetworkNamespace(), pid: 0, status: "exited")
        let error = try await #require(throws: NetworkImpairmentError.self) {
            try await driver(runner).dropPackets("worker1", probability: 0.1)
        }
        #expect(error.description == "Cannot impair the network of lab_worker1_1 (`worker1` of project `lab`): it is exited, and a container's network exists only while it runs.")
    }

    @Test("out-of-range arguments are refused before anything runs")
    func invalidArguments() async throws {
        let runner = Self.runner(FakeNetworkNamespace())
        let driver = driver(runner)
        for probability in [0, 1.5, -0.1, .nan] {
            await #expect(throws: NetworkImpairmentError.self) { try await driver.dropPackets("worker1", probability: probability) }
        }
        await #expect(throws: NetworkImpairmentError.self) { try await driver.limitBandwidth("worker1", kilobitsPerSecond: 0) }
        await #expect(throws: NetworkImpairmentError.self) { try await driver.partition("worker1", from: []) }
        let error = try await #require(throws: NetworkImpairmentError.self) {
            try await driver.partition("worker1", from: ["rabbitmq"])
        }
        #expect(error.description == "Cannot partition `worker1` of project `lab` from \"rabbitmq\": a peer is an IPv4 address such as 172.18.0.2, optionally with a /prefix.")
        #expect(runner.commandLines.isEmpty)
    }

    @Test("probabilities are written as iptables reads them")
    func probabilityText() {
        #expect(NetworkImpairmentCommands.probabilityText(0.25) == "0.25")
        #expect(NetworkImpairmentCommands.probabilityText(0.1) == "0.1")
        #expect(NetworkImpairmentCommands.probabilityText(0.00005) == "0.0001")
        #expect(NetworkImpairmentCommands.probabilityText(1) == "1")
        #expect(NetworkImpairmentCommands.isIPv4("10.0.0.1/8"))
        #expect(!NetworkImpairmentCommands.isIPv4("10.0.0.256"))
        #expect(!NetworkImpairmentCommands.isIPv4("fe80::1"))
    }
}
