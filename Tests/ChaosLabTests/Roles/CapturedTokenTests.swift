@testable import ChaosLab
import Foundation
import Testing

/// Tokens captured with what the worker printed around them.
@Suite("Captured tokens")
struct CapturedTokenTests {
    @Test(
        "punctuation around a captured token is trimmed; nothing left is no match",
        arguments: [
            ("round-robin-3fa9c1-7", "round-robin-3fa9c1-7"),
            ("'round-robin-3fa9c1-7'}", "round-robin-3fa9c1-7"),
            ("round-robin-3fa9c1-7....", "round-robin-3fa9c1-7"),
            (#"{"message":"round-robin-3fa9c1-7"},"#, "message\":\"round-robin-3fa9c1-7"),
            ("«round-robin-3fa9c1-7»", "round-robin-3fa9c1-7"),
            ("(m-1)", "m-1"),
            ("'...'", nil),
            ("", nil),
        ] as [(String, String?)]
    )
    func normalized(captured: String, token: String?) {
        #expect(CapturedToken.normalized(captured[...]) == token)
    }

    static let lines = [
        "[x] Received {'message': 'round-robin-3fa9c1-7'}",
        "[x] Received round-robin-3fa9c1-8....",
        "[x] Received '...'",
    ]

    @Test("worker output: the history reads the trimmed token")
    func history() throws {
        var history = History()
        let lines = Self.lines.enumerated().map { offset, text in
            LogLine(service: "worker1", index: 1, timestamp: HistoryFixtures.at(Double(offset)), stream: .stdout, text: text)
        }
        try history.ingest(lines, evidence: WorkerEvidence(receivedPattern: #"Received (?:\{'message': )?(?<token>\S+)"#))
        #expect(history.operations.map(\.messageID) == ["round-robin-3fa9c1-7", "round-robin-3fa9c1-8"])
    }

    @Test("worker output: the checks read the trimmed token, and a tokenless Done closes it")
    func observer() throws {
        let evidence = WorkerEvidence(receivedPattern: #"Received (?:\{'message': )?(?<token>\S+)"#, donePattern: #"\[x\] Done"#)
        let reader = try #require(try StdoutDeliveryReader(evidence: evidence))
        let lines = (Self.lines + ["[x] Done", "[x] Done"]).enumerated().map { offset, text in
            LogLine(service: "worker1", index: 1, timestamp: HistoryFixtures.at(Double(offset)), stream: .stdout, text: text)
        }
        let traces = reader.deliveries(of: "worker1", in: lines, tokenPrefix: "round-robin-3fa9c1-")
        #expect(traces.map(\.id) == ["round-robin-3fa9c1-7", "round-robin-3fa9c1-8"])
        #expect(traces.map(\.outcome) == [.acked, .acked])
    }
}
