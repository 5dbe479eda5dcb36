@testable import ChaosLab
import Testing

/// The schedules the live soaks play, pinned: a change to the random schedule that moved or
/// dropped their faults would otherwise make the live suite test something else unnoticed.
@Suite("The live soaks' seeded schedules")
struct SoakScheduleSeedTests {
    static func schedule(_ duration: Double, seed: UInt64, _ kinds: Set<SoakFault.Kind>) -> [String] {
        SoakOptions(duration: duration, seed: seed, nemesis: kinds).schedule(workers: ["worker1", "worker2"], broker: "rabbitmq").faults.map(\.description)
    }

    @Test("seed 1 over 40 s with kill, pause and broker-kill: the broker killed, a worker paused, the other killed")
    func reference() {
        #expect(Self.schedule(40, seed: 1, [.kill, .pause, .brokerKill]) == [
            "SIGKILL the broker (rabbitmq) from +6.7 s to +11.7 s", "pause worker1 from +13.3 s to +18.6 s", "SIGKILL worker2 from +19.3 s to +25.0 s",
        ])
    }

    @Test("seed 5 over 30 s with kill: three worker kills")
    func workerKills() {
        #expect(Self.schedule(30, seed: 5, [.kill]) == [
            "SIGKILL worker1 from +5.8 s to +9.6 s", "SIGKILL worker2 from +11.8 s to +18.0 s", "SIGKILL worker1 from +18.9 s to +22.8 s",
        ])
    }

    @Test("seed 1 over 30 s with broker-kill: one broker kill")
    func brokerKill() {
        #expect(Self.schedule(30, seed: 1, [.brokerKill]) == ["SIGKILL the broker (rabbitmq) from +6.1 s to +11.1 s"])
    }
}
