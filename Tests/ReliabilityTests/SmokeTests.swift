import ChaosLab
import Foundation
import Testing

extension LiveStackTests {
    /// The whole path once: HTTP and HTTPS through Traefik, the API's confirmed publish, a
    /// worker's processing, and an empty work queue afterwards.
    @Suite("Smoke: a message through the proxy is processed")
    struct SmokeTests {
        @Test("A message posted over HTTP and one over HTTPS are each processed once", .timeLimit(.minutes(2)))
        func messagesThroughTraefikAreProcessed() async throws {
            try await LiveStack.ensure()
            let run = UUID().uuidString.prefix(8).lowercased()
            let plainID = "smoke-http-\(run)"
            let secureID = "smoke-https-\(run)"
            try await HTTPProbe.withProbe { probe in
                for (base, id) in [(LiveStack.proxiedAPI, plainID), (LiveStack.proxiedSecureAPI, secureID)] {
                    let exchange = try await probe.send(
                        "POST", "\(base)/api/message",
                        body: #"{"message": "\#(id)", "id": "\#(id)", "work_ms": 50}"#,
                        headers: [("Content-Type", "application/json")],
                        basicAuth: LiveStack.apiCredentials
                    )
                    #expect(exchange.status == 200, "POST \(exchange.url) answered \(exchange.status): \(exchange.body)")
                    #expect(exchange.body.contains("Message sent"), "POST \(exchange.url) answered \(exchange.body)")
                }
            }

            let processed = try await Wait.until("both messages appear in messages.log", deadline: .seconds(30)) {
                let log = WorkerLog(parsing: try await LiveStack.driver.readFile("/data/messages.log", from: "worker1"))
                let plain = log.records(for: plainID)
                let secure = log.records(for: secureID)
                return plain.isEmpty || secure.isEmpty ? nil : (plain, secure)
            }
            #expect(processed.0.count == 1 && processed.0[0].outcome == .acked, "\(processed.0)")
            #expect(processed.1.count == 1 && processed.1[0].outcome == .acked, "\(processed.1)")
            #expect(!processed.0[0].redelivered && !processed.1[0].redelivered)

            let queue = try await Wait.until("the work queue is drained", deadline: .seconds(15)) {
                let queue = try await LiveStack.broker.queue(named: LiveStack.workQueue)
                return queue.flatMap { $0.total == 0 ? $0 : nil }
            }
            #expect(queue.consumers == 2, "the work queue has \(queue.consumers) consumers, expected one per worker")
        }
    }
}
