@testable import ChaosLab
import Foundation
import Testing

/// What the fault injector records and how it heals, against a fake stack.
@Suite("Fault injector")
struct FaultInjectorTests {
    @Test("network impairments are recorded and healed by one restore per target")
    func healsImpairments() async throws {
        let stack = FakeStackDriver()
        let injector = FaultInjector(stack: stack)
        try await injector.inject(.partition("worker1", from: ["172.18.0.2"]))
        try await injector.inject(.dropPackets("worker1", probability: 0.2))
        try await injector.inject(.limitBandwidth("worker2", kilobitsPerSecond: 256))
        #expect(await injector.brokenTargets == ["worker1", "worker2"])
        #expect(await injector.heal().isEmpty)
        #expect(stack.operations.map(\.description) == [
            "partition worker1 172.18.0.2", "dropPackets worker1 0.2", "limitBandwidth worker2 256",
            "restoreNetwork worker1", "restoreNetwork worker2",
        ])
        #expect(await injector.brokenTargets.isEmpty)
        #expect(await injector.events.count == 5)
    }

    @Test("a target paused and partitioned gets its network back, then is unpaused")
    func healsBoth() async throws {
        let stack = FakeStackDriver()
        let injector = FaultInjector(stack: stack)
        try await injector.inject(.pause("worker1"))
        try await injector.inject(.partition("worker1", from: ["172.18.0.2"]))
        await injector.heal()
        #expect(stack.operations.suffix(2).map(\.name) == ["restoreNetwork", "unpause"])
    }

    @Test("a restored network and a started service are no longer broken")
    func remedies() async throws {
        let injector = FaultInjector(stack: FakeStackDriver())
        try await injector.inject(.limitBandwidth("worker1", kilobitsPerSecond: 64))
        try await injector.inject(.restoreNetwork("worker1"))
        try await injector.inject(.kill("worker2"))
        try await injector.inject(.start("worker2"))
        try await injector.inject(.restart("rabbitmq"))
        #expect(await injector.brokenTargets.isEmpty)
    }

    @Test("a partition that failed half-way is still restored on heal")
    func failedImpairmentHealed() async throws {
        let stack = FakeStackDriver(failing: ["partition"])
        let injector = FaultInjector(stack: stack)
        await #expect(throws: CommandError.self) { try await injector.inject(.partition("worker1", from: ["172.18.0.2"])) }
        #expect(await injector.events.last?.error != nil)
        await injector.heal()
        #expect(stack.operations.last?.description == "restoreNetwork worker1")
    }

    @Test("a lost Swarm node is a fault on the target it ran, revived on heal; on Compose it is refused, saying why")
    func nodeLoss() async throws {
        let swarm = FakeSwarm()
        let injector = FaultInjector(stack: swarm)
        try await injector.inject(.loseNode("clnode2", running: "worker1"))
        #expect(await injector.brokenTargets == ["worker1"])
        await injector.heal()
        #expect(swarm.operations.map(\.description) == ["loseNode clnode2", "reviveNode clnode2"])
        #expect(await injector.events.map(\.fault.description) == [
            "lose clnode2, the Swarm node running worker1", "revive clnode2, the Swarm node that ran worker1",
        ])
        #expect(Fault.loseNode("clnode2", running: "worker1").commandLine == "scripts/swarm.sh lose 2")

        let compose = FaultInjector(stack: FakeStackDriver())
        let error = await #expect(throws: StackError.self) { try await compose.inject(.loseNode("clnode2", running: "worker1")) }
        #expect(error?.description.contains("--swarm") == true)
    }

    @Test("a partitioned Swarm node is healed on heal, and a partition that failed halfway is healed too")
    func nodePartition() async throws {
        let swarm = FakeSwarm()
        let injector = FaultInjector(stack: swarm)
        try await injector.inject(.partitionNode("clnode3", running: "worker2"))
        await injector.heal()
        #expect(swarm.operations.map(\.description) == ["partitionNode clnode3", "healNode clnode3"])
        #expect(await injector.events.map(\.fault.description) == [
            "partition clnode3, the Swarm node running worker2, from the other nodes", "heal the partition of clnode3, the Swarm node that ran worker2",
        ])
        #expect(Fault.partitionNode("clnode3", running: "worker2").commandLine == "scripts/swarm.sh partition 3")
        #expect(Fault.healNode("clnode3", of: "worker2").commandLine == "scripts/swarm.sh heal 3")
        #expect(await injector.brokenTargets.isEmpty)
    }

    @Test("a restart that failed leaves the target to start on heal")
    func failedRestart() async throws {
        let stack = FakeStackDriver(failing: ["restart"])
        let injector = FaultInjector(stack: stack)
        await #expect(throws: CommandError.self) { try await injector.inject(.restart("rabbitmq")) }
        await injector.heal()
        #expect(stack.operations.last?.description == "start rabbitmq")
    }
}

/// The new actions as data: coded, described and written as a command a person can replay.
@Suite("Network faults as data")
struct NetworkFaultDataTests {
    @Test("each action round-trips through JSON with one key naming it")
    func coding() throws {
        let faults: [Fault] = [
            .partition("worker1", from: ["172.18.0.2"]), .dropPackets("worker1", probability: 0.3),
            .limitBandwidth("worker1", kilobitsPerSecond: 256), .restoreNetwork("worker1"), .restart("rabbitmq", timeout: .seconds(5)),
            .loseNode("clnode2", running: "worker1"), .reviveNode("clnode2", of: "worker1"),
            .partitionNode("clnode3", running: "worker2"), .healNode("clnode3", of: "worker2"),
        ]
        let data = try JSONEncoder().encode(faults)
        #expect(try JSONDecoder().decode([Fault].self, from: data) == faults)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let one = String(decoding: try encoder.encode(Fault.dropPackets("worker1", probability: 0.3).action), as: UTF8.self)
        #expect(one == #"{"dropPackets":{"probability":0.3}}"#)
    }

    @Test("descriptions say what is done")
    func descriptions() {
        #expect(Fault.partition("worker1", from: ["172.18.0.2"]).description == "partition worker1 from 172.18.0.2")
        #expect(Fault.dropPackets("worker1", probability: 0.25).description == "drop 25 % of worker1's packets")
        #expect(Fault.limitBandwidth("worker1", kilobitsPerSecond: 512).description == "limit worker1 to 512 kbit/s")
        #expect(Fault.restoreNetwork("worker1").description == "restore worker1's network")
    }

    @Test("the command lines enter the container's namespace with the host's iptables and tc")
    func commandLines() {
        let enter = #"nsenter -t "$(docker inspect -f '{{.State.Pid}}' <worker1 container>)" -n sh -c "#
        let jumps = #"iptables -w -C INPUT ! -i lo -j CHAOSLAB 2>/dev/null || iptables -w -I INPUT 1 ! -i lo -j CHAOSLAB; iptables -w -C OUTPUT ! -o lo -j CHAOSLAB 2>/dev/null || iptables -w -I OUTPUT 1 ! -o lo -j CHAOSLAB"#
        let interfaces = #"for dev in $(ip -o link show | sed -n "s/^[0-9]*: \(eth[0-9]*\)[@:].*/\1/p"); do "#
        #expect(Fault.partition("worker1", from: ["172.18.0.2"]).commandLine
            == enter + "'iptables -w -N CHAOSLAB 2>/dev/null; iptables -w -A CHAOSLAB -s 172.18.0.2 -j DROP; iptables -w -A CHAOSLAB -d 172.18.0.2 -j DROP; \(jumps)'")
        #expect(Fault.dropPackets("worker1", probability: 0.3).commandLine
            == enter + "'iptables -w -N CHAOSLAB 2>/dev/null; iptables -w -A CHAOSLAB -m statistic --mode random --probability 0.3 -j DROP; \(jumps)'")
        #expect(Fault.limitBandwidth("worker1", kilobitsPerSecond: 256).commandLine
            == enter + "'\(interfaces)tc qdisc add dev $dev root handle ca05: tbf rate 256kbit burst 4096 latency 500ms; done'")
        #expect(Fault.restoreNetwork("worker1").commandLine
            == enter + "'iptables -w -D INPUT ! -i lo -j CHAOSLAB 2>/dev/null; iptables -w -D OUTPUT ! -o lo -j CHAOSLAB 2>/dev/null; iptables -w -F CHAOSLAB 2>/dev/null; iptables -w -X CHAOSLAB 2>/dev/null; \(interfaces)tc qdisc del dev $dev root handle ca05: 2>/dev/null; done; true'")
        #expect(Fault.restart("rabbitmq").commandLine == "docker restart -t 10 <rabbitmq container>")
    }
}
