@testable import ChaosLab
import Foundation
import Testing

/// Worker output whose closing lines do not name the message (the tutorial's ` [x] Done`),
/// read into a history.
@Suite("History: closing lines without the token")
struct TokenlessClosingTests {
    typealias F = HistoryFixtures

    static let tutorial = WorkerEvidence(
        receivedPattern: #"\[x\] Received (?<token>\S+)"#, donePattern: #"\[x\] Done"#, rejectedPattern: #"\[x\] Rejected"#
    )

    static func line(_ service: String, _ seconds: Double?, _ text: String) -> LogLine {
        LogLine(service: service, index: 1, timestamp: seconds.map(F.at), stream: .stdout, text: text)
    }

    static func ingest(_ lines: [LogLine]) throws -> History {
        var history = History()
        try history.ingest(lines, evidence: tutorial)
        return history
    }

    @Test("two workers interleaved: each Done closes its own worker's oldest open message")
    func interleaved() throws {
        let history = try Self.ingest([
            Self.line("worker1", 1, " [x] Received m-1"),
            Self.line("worker2", 2, " [x] Received m-2"),
            Self.line("worker1", 3, " [x] Received m-3"),
            Self.line("worker2", 4, " [x] Done"),
            Self.line("worker1", 5, " [x] Done"),
            Self.line("worker1", 6, " [x] Rejected"),
        ])
        let closings = history.operations.filter { $0.kind != .delivered }
        #expect(closings.map { "\($0.kind) \($0.messageID) \($0.worker ?? "")" } == ["processed m-2 worker2", "processed m-1 worker1", "rejected m-3 worker1"])
        #expect(closings.map(\.time) == [F.at(4), F.at(5), F.at(6)])
        #expect(history.gaps.isEmpty)
    }

    @Test("a restart ends the messages open before it: the next Done is about the new run's message")
    func restart() throws {
        let first = ContainerRun(containerID: "aaa111", startedAt: F.at(0))
        let second = ContainerRun(containerID: "aaa111", startedAt: F.at(1.5))
        var lines = [
            Self.line("worker1", 1, " [x] Received m-1"),
            Self.line("worker1", 2, " [x] Received m-2"),
            Self.line("worker1", 3, " [x] Done"),
            Self.line("worker1", 4, " [x] Done"),
        ]
        lines[0].run = first
        for index in 1..<lines.count { lines[index].run = second }
        let history = try Self.ingest(lines)
        #expect(history.operations.map { "\($0.kind) \($0.messageID)" } == ["delivered m-1", "delivered m-2", "processed m-2"])
        #expect(history.gaps == ["1 line of worker1's output closed a message without naming it while the worker had none open; they were left out."])
    }

    @Test("a Done with nothing open is a gap, not a guess")
    func nothingOpen() throws {
        let history = try Self.ingest([
            Self.line("worker1", 1, " [x] Done"),
            Self.line("worker1", 2, " [x] Received m-1"),
            Self.line("worker1", 3, " [x] Done"),
            Self.line("worker1", 4, " [x] Done"),
        ])
        #expect(history.operations.map(\.kind) == [.delivered, .processed])
        #expect(history.gaps == ["2 lines of worker1's output closed a message without naming it while the worker had none open; they were left out."])
    }

    @Test("a line without a timestamp still opens its delivery, so the next Done pairs up")
    func untimedReceipt() throws {
        let history = try Self.ingest([
            Self.line("worker1", nil, " [x] Received m-1"),
            Self.line("worker1", 2, " [x] Received m-2"),
            Self.line("worker1", 3, " [x] Done"),
        ])
        #expect(history.operations.map { "\($0.kind) \($0.messageID)" } == ["delivered m-2", "processed m-1"])
        #expect(history.gaps == ["1 line of worker1's output matched a worker pattern but had no timestamp; they were left out."])
    }

    @Test("a received pattern without the token is still refused")
    func receivedNeedsToken() {
        var history = History()
        #expect(throws: WorkerPatternError(field: "receivedPattern", pattern: #"\[x\] Received"#, code: .missingTokenGroup)) {
            try history.ingest([], evidence: WorkerEvidence(receivedPattern: #"\[x\] Received"#, donePattern: #"\[x\] Done"#))
        }
    }
}
