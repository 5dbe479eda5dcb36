@testable import ChaosLab
import Foundation

/// Answers of RabbitMQ 3.10.8's management API, recorded by Fixtures/Management/record.py from a
/// broker with three workers: `worker-ack` (prefetch 1, manual acks, one delivery held),
/// `worker-autoack` (auto-ack on `orders queue`) and `worker-global` (channel-wide prefetch 1 on
/// `capped`), plus the connection that set things up and used basic.get.
enum ManagementFixture {
    /// The folder of recorded answers.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Management")

    /// A recorded answer by file name without `.json`. Error answers are stored as
    /// `{"status": …, "body": "…"}`; successful ones as the body itself, with status 200.
    static func answer(_ name: String, path: String = "/api/recorded") throws -> ManagementAnswer {
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).json"), encoding: .utf8)
        let url = "http://broker:15672" + path
        if name.hasPrefix("error-"), let json = ManagementJSON.parse(text), let status = json["status"]?.int, let body = json["body"]?.string {
            return ManagementAnswer(url: url, path: path, user: "u", status: status, body: body)
        }
        return ManagementAnswer(url: url, path: path, user: "u", status: 200, body: text)
    }

    /// An answer made up for a test.
    static func made(status: Int, body: String, method: String = "GET", path: String = "/api/queues/%2F") -> ManagementAnswer {
        ManagementAnswer(method: method, url: "http://broker:15672" + path, path: path, user: "watcher", status: status, body: body)
    }
}
