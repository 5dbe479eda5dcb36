@testable import AMQPClient
import Foundation
import Testing

@Suite("Connection executor and connect failures without a broker")
struct ConnectionThreadExecutorTests {
    actor Probe {
        nonisolated let executor = ConnectionThreadExecutor(name: "probe thread")
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        var count = 0

        func runsOnExecutorThread() -> Bool {
            executor.isCurrentThread
        }

        func increment() -> Int {
            count += 1
            return count
        }
    }

    @Test("isolated code runs on the executor's own thread, one job at a time")
    func dedicatedThread() async {
        let probe = Probe()
        #expect(await probe.runsOnExecutorThread())
        #expect(!probe.executor.isCurrentThread)
        let results = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<200 { group.addTask { await probe.increment() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(1...200))
        probe.executor.shutdown()
    }

    @Test("connecting to a closed loopback port fails at once, naming the endpoint and C status")
    func closedPort() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: AMQPError.self) {
            _ = try await AMQPConnection.connect(AMQPConfiguration(port: 1, connectTimeout: .seconds(30)))
        }
        // Refused, not timed out: far below the 30 s timeout, with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.hasPrefix("Connecting to 127.0.0.1:1 failed: AMQP_STATUS_") == true)
    }

    @Test("an invalid port is refused before any socket call")
    func invalidPort() async throws {
        let error = await #expect(throws: AMQPError.self) {
            _ = try await AMQPConnection.connect(AMQPConfiguration(port: 70000))
        }
        #expect(error?.message == "Connecting to 127.0.0.1:70000 failed: 70000 is not a TCP port.")
    }
}
