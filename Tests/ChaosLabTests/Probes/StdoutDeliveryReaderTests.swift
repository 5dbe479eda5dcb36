@testable import ChaosLab
import Foundation
import Testing

/// Deliveries read from a worker's stdout, as the checks see them live: closing lines with
/// and without the token, several instances, other people's messages.
@Suite("Worker stdout deliveries")
struct StdoutDeliveryReaderTests {
    typealias F = HistoryFixtures

    /// The RabbitMQ tutorial's worker: ` [x] Received <message>`, then ` [x] Done` alone.
    static let tutorial = WorkerEvidence(receivedPattern: #"\[x\] Received (?<token>\S+)"#, donePattern: #"\[x\] Done"#)
    static let prefix = "round-robin-3fa9c1-"

    /// One delivery as `id worker#instance start→end outcome`, whole seconds.
    static func describe(_ trace: MessageTrace) -> String {
        let seconds = { (date: Date) in String(Int(date.timeIntervalSince(F.origin))) }
        return "\(trace.id) \(seconds(trace.start))→\(trace.end.map(seconds) ?? "…") \(trace.outcome)"
    }

    /// `lines`: instance number and text; line n is written at second n.
    static func read(_ lines: [(Int, String)], evidence: WorkerEvidence = tutorial) throws -> [String] {
        let reader = try #require(try StdoutDeliveryReader(evidence: evidence))
        let logLines = lines.enumerated().map { offset, line in
            LogLine(service: "worker1", index: line.0, timestamp: F.at(Double(offset + 1)), stream: .stdout, text: line.1)
        }
        return reader.deliveries(of: "worker1", in: logLines, tokenPrefix: prefix).map(describe)
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [(Int, String)]
        var expected: [String]
        var testDescription: String { name }
    }

    @Test(
        "a Done without the token closes the oldest delivery still open in the same container",
        arguments: [
            Scenario(
                name: "one at a time",
                lines: [(1, " [x] Received round-robin-3fa9c1-1"), (1, " [x] Done"), (1, " [x] Received round-robin-3fa9c1-2"), (1, " [x] Done")],
                expected: ["round-robin-3fa9c1-1 1→2 acked", "round-robin-3fa9c1-2 3→4 acked"]
            ),
            Scenario(
                name: "oldest first",
                lines: [(1, " [x] Received round-robin-3fa9c1-1"), (1, " [x] Received round-robin-3fa9c1-2"), (1, " [x] Done"), (1, " [x] Done")],
                expected: ["round-robin-3fa9c1-1 1→3 acked", "round-robin-3fa9c1-2 2→4 acked"]
            ),
            Scenario(
                name: "two instances interleaved",
                lines: [(1, " [x] Received round-robin-3fa9c1-1"), (2, " [x] Received round-robin-3fa9c1-2"), (2, " [x] Done"), (1, " [x] Done")],
                expected: ["round-robin-3fa9c1-1 1→4 acked", "round-robin-3fa9c1-2 2→3 acked"]
            ),
            Scenario(
                name: "a Done with nothing open",
                lines: [(1, " [x] Done"), (1, " [x] Received round-robin-3fa9c1-1"), (2, " [x] Done")],
                expected: ["round-robin-3fa9c1-1 2→… unfinished"]
            ),
            Scenario(
                name: "someone else's message is closed, not ours",
                lines: [(1, " [x] Received hello"), (1, " [x] Received round-robin-3fa9c1-1"), (1, " [x] Done"), (1, " [x] Received persistence-0a0b0c-1"), (1, " [x] Done")],
                expected: ["round-robin-3fa9c1-1 2→5 acked"]
            ),
            Scenario(
                name: "a Done that names a message still closes the oldest",
                lines: [(1, " [x] Received round-robin-3fa9c1-1"), (1, " [x] Done round-robin-3fa9c1-1")],
                expected: ["round-robin-3fa9c1-1 1→2 acked"]
            ),
        ]
    )
    func tokenlessDone(_ scenario: Scenario) throws {
        #expect(try Self.read(scenario.lines) == scenario.expected)
    }

    @Test("a restart ends the deliveries of the run before it: a later Done closes the new run's message")
    func restartEndsOpenDeliveries() throws {
        let reader = try #require(try StdoutDeliveryReader(evidence: Self.tutorial))
        let first = ContainerRun(containerID: "aaa111", startedAt: F.at(0))
        let second = ContainerRun(containerID: "aaa111", startedAt: F.at(1.5))
        let recreated = ContainerRun(containerID: "bbb222", startedAt: F.at(4.5))
        let lines = [
            (first, " [x] Received round-robin-3fa9c1-1"),
            (second, " [x] Received round-robin-3fa9c1-2"),
            (second, " [x] Done"),
            (second, " [x] Received round-robin-3fa9c1-3"),
            (recreated, " [x] Received round-robin-3fa9c1-4"),
            (recreated, " [x] Done"),
        ].enumerated().map { offset, line in
            LogLine(service: "worker1", index: 1, timestamp: F.at(Double(offset + 1)), stream: .stdout, text: line.1, run: line.0)
        }
        #expect(reader.deliveries(of: "worker1", in: lines, tokenPrefix: Self.prefix).map(Self.describe) == [
            "round-robin-3fa9c1-1 1→… unfinished",
            "round-robin-3fa9c1-2 2→3 acked",
            "round-robin-3fa9c1-3 4→… unfinished",
            "round-robin-3fa9c1-4 5→6 acked",
        ])
    }

    @Test("a closing pattern with the token closes by token; the other may have none")
    func mixedClosing() throws {
        let evidence = WorkerEvidence(
            receivedPattern: #"\[x\] Received (?<token>\S+)"#, donePattern: #"\[x\] Done$"#, rejectedPattern: #"\[x\] Rejected (?<token>\S+)"#
        )
        let lines = [
            (1, " [x] Received round-robin-3fa9c1-1"), (1, " [x] Received round-robin-3fa9c1-2"),
            (1, " [x] Rejected round-robin-3fa9c1-2"), (1, " [x] Done"),
        ]
        #expect(try Self.read(lines, evidence: evidence) == ["round-robin-3fa9c1-1 1→4 acked", "round-robin-3fa9c1-2 2→3 rejected"])
    }

    @Test("with the token in every closing line only the lab's lines are read; a line that closes is not also a receipt")
    func tokenClosing() throws {
        let evidence = WorkerEvidence(receivedPattern: RoleInference.anyTokenPattern, donePattern: #"done (?<token>\S+)"#)
        let reader = try #require(try StdoutDeliveryReader(evidence: evidence))
        #expect(!reader.readsEveryLine)
        #expect(try #require(try StdoutDeliveryReader(evidence: Self.tutorial)).readsEveryLine)
        let lines = [(1, "got round-robin-3fa9c1-1"), (1, "got hello-000000-1"), (1, "done hello-000000-1"), (1, "done round-robin-3fa9c1-1")]
        #expect(try Self.read(lines, evidence: evidence) == ["round-robin-3fa9c1-1 1→4 acked"])
    }

    @Test("no received pattern: stdout shows no delivery")
    func noReceivedPattern() throws {
        #expect(try StdoutDeliveryReader(evidence: WorkerEvidence(donePattern: "done")) == nil)
    }
}
