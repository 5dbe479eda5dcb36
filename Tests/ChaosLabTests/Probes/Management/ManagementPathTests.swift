@testable import ChaosLab
import Testing

/// Virtual hosts and names become one URL path segment each.
@Suite("Management API: paths")
struct ManagementPathTests {
    @Test("segments are percent-encoded one by one", arguments: [
        (["queues", "/", "task_queue.dlq"], "/api/queues/%2F/task_queue.dlq"),
        (["queues", "/", "orders queue", "contents"], "/api/queues/%2F/orders%20queue/contents"),
        (["exchanges", "staging/eu", "a+b#c?d"], "/api/exchanges/staging%2Feu/a%2Bb%23c%3Fd"),
        (["queues", "/", "tâche~1"], "/api/queues/%2F/t%C3%A2che~1"),
    ])
    func encoded(segments: [String], path: String) {
        #expect(ManagementAPI.path(segments) == path)
    }

    @Test("the default exchange is addressed as amq.default")
    func defaultExchange() {
        #expect(ManagementAPI.exchangeSegment("") == "amq.default")
        #expect(ManagementAPI.exchangeSegment("tasks") == "tasks")
    }

    @Test("the base URL may end in a slash or /api; the description shows no password")
    func baseURL() async throws {
        try await HTTPProbe.withProbe { probe in
            for base in ["http://broker:15672", "http://broker:15672/", "http://broker:15672/api", "http://broker:15672/api/"] {
                #expect(ManagementAPI(baseURL: base, user: "lab", password: "s3cret", http: probe).baseURL == "http://broker:15672")
            }
            let api = ManagementAPI(baseURL: "http://lab:s3cret@broker:15672", user: "lab", password: "s3cret", virtualHost: "staging", http: probe)
            #expect(api.description == "RabbitMQ management API http://broker:15672 as lab, virtual host staging")
        }
    }
}
