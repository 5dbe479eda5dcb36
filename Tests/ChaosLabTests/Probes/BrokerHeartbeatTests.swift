@testable import ChaosLab
import Testing

/// Reading each connection's heartbeat timeout from `rabbitmqctl list_connections`, whose JSON
/// gives addresses as Erlang tuples.
@Suite("Broker heartbeats")
struct BrokerHeartbeatTests {
    @Test("an IPv4-mapped IPv6 tuple is the container's IPv4 address; a 4-tuple and text are read as they are")
    func addresses() {
        #expect(BrokerProbe.address([0, 0, 0, 0, 0, 65535, 44051, 4]) == "172.19.0.4")
        #expect(BrokerProbe.address([10, 0, 1, 5]) == "10.0.1.5")
        #expect(BrokerProbe.address("10.0.1.6") == "10.0.1.6")
        #expect(BrokerProbe.address([0xfd00, 0, 0, 0, 0, 0, 0, 1]) == "fd00:0:0:0:0:0:0:1")
        #expect(BrokerProbe.address([1, 2, 3]) == nil)
        #expect(BrokerProbe.address(nil) == nil)
    }

    @Test("each connection's timeout, by the client's address, as the broker printed it")
    func timeouts() async throws {
        let probe = BrokerProbe(stack: FakeStackDriver(instances: []))
        let heartbeats = try await probe.heartbeatTimeouts()
        #expect(heartbeats == [ConnectionHeartbeat(peerHost: "172.19.0.4", seconds: 5), ConnectionHeartbeat(peerHost: "172.19.0.5", seconds: 60)])
    }
}
