@testable import ChaosLab
import Foundation
import Testing

/// Building histories: order, record files, worker output, merging sources, timelines.
@Suite("History")
struct HistoryTests {
    /// Foundation has an `HistoryOperation` too; these tests mean the history's.

    typealias F = HistoryFixtures

    /// The reference worker's record format, exactly, with a last line torn by a SIGKILL.
    static let messagesLog = """
        {"worker":"worker1","id":"m-1","message":"m-1","redelivered":false,"outcome":"acked","started_at":"2026-01-01T00:00:01.000Z","finished_at":"2026-01-01T00:00:01.250Z"}
        {"worker":"worker2","id":"m-2","message":"m-2","redelivered":true,"outcome":"rejected","started_at":"2026-01-01T00:00:02.000Z","finished_at":"2026-01-01T00:00:02.010Z"}
        {"worker":"worker1","id":"m-3","message":"m-3","redelivered":false,"outcome":"requeued","started_at":"2026-01-01T00:00:03.000Z","finished_at":"2026-01-01T00:00:03.500Z"}
        {"worker":"worker2","id":"m-4","message":"m-4","redeliv
        """

    @Test("operations stay in time order, ties in recording order")
    func order() {
        var history = History()
        history.record(F.processed("m-1", "worker1", 2))
        history.record(F.delivered("m-2", "worker1", 1))
        history.record(F.delivered("m-1", "worker1", 2))
        history.record(F.processed("m-2", "worker1", 0.5))
        #expect(history.operations.map(\.time) == [F.at(0.5), F.at(1), F.at(2), F.at(2)])
        #expect(history.operations.suffix(2).map(\.kind) == [.processed, .delivered])
        #expect(history.timeline(for: "m-2").map(\.kind) == [.processed, .delivered])
        #expect(history.operations(of: "worker1").count == 4)
        #expect(history.messageIDs == ["m-1", "m-2"])
    }

    @Test("late operations, recorded after later ones, read in time order with ties in recording order; copies stay apart")
    func lateOperations() throws {
        var history = History()
        for second in [1.0, 2, 3, 4] {
            history.record(F.delivered("m-\(Int(second))", "worker1", second))
        }
        // A second source read after the first: all of it is late.
        history.record(F.processed("m-2", "worker1", 2, source: .workerStdout))
        history.record(F.processed("m-1", "worker1", 1.5, source: .workerStdout))
        history.record(F.processed("m-1b", "worker1", 2, source: .workerStdout))
        let copy = history
        history.record(F.processed("m-0", "worker1", 0.5, source: .workerStdout))
        let expected = ["delivered m-1", "processed m-1", "delivered m-2", "processed m-2", "processed m-1b", "delivered m-3", "delivered m-4"]
        #expect(copy.operations.map { "\($0.kind) \($0.messageID)" } == expected)
        #expect(history.operations.map { "\($0.kind) \($0.messageID)" } == ["processed m-0"] + expected)
        #expect(History(history.operations) == history)
        let json = try JSONEncoder().encode(copy)
        let decoded = try JSONDecoder().decode(History.self, from: json)
        #expect(decoded == copy)
        #expect(decoded.hashValue == copy.hashValue)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["operations", "gaps"])
        #expect((object["operations"] as? [Any])?.count == expected.count)
    }

    @Test("a worker record file becomes deliveries and outcomes; a torn last line is a gap")
    func ingestWorkerLog() {
        let log = WorkerLog(parsing: Array(Self.messagesLog.utf8))
        var history = History()
        history.ingest(log, name: "worker1:/data/messages.log")
        #expect(history.operations == [
            F.delivered("m-1", "worker1", 1),
            HistoryOperation(.processed, messageID: "m-1", worker: "worker1", time: F.at(1.25), source: .workerLog),
            F.delivered("m-2", "worker2", 2, redelivered: true),
            HistoryOperation(.rejected, messageID: "m-2", worker: "worker2", time: F.at(2.01), source: .workerLog, redelivered: true),
            F.delivered("m-3", "worker1", 3),
            HistoryOperation(.requeued, messageID: "m-3", worker: "worker1", time: F.at(3.5), source: .workerLog),
        ])
        #expect(history.gaps == ["worker1:/data/messages.log line 4 could not be read as records (torn by a killed worker, or not JSON)."])
        #expect(HistoryChecker().check(history).gaps == history.gaps)
    }

    @Test("a record whose times cannot be read is left out and noted")
    func unreadableTimes() {
        let record = WorkerRecord(worker: "worker1", id: "m-1", message: "m-1", redelivered: false, outcome: .acked, startedAt: "soon", finishedAt: "later")
        var history = History()
        history.ingest(WorkerLog(parsing: Array(try! JSONEncoder().encode(record))))
        #expect(history.operations.isEmpty)
        #expect(history.gaps == [#"messages.log has a record of m-1 by worker1 with unreadable times (started_at "soon", finished_at "later"); it was left out."#])
    }

    static func stdout(_ service: String, _ seconds: Double?, _ text: String, index: Int = 1) -> LogLine {
        LogLine(service: service, index: index, timestamp: seconds.map(F.at), stream: .stdout, text: text)
    }

    @Test("worker output is read through the stack's patterns")
    func ingestStdout() throws {
        let lines = [
            Self.stdout("worker1", 1.002, "[worker1] received id=m-1 redelivered=false message=m-1"),
            Self.stdout("worker1", 1.251, "[worker1] done id=m-1 redelivered=false ms=250"),
            Self.stdout("worker2", 2.001, "[worker2] received id=m-2 redelivered=true message=m-2"),
            Self.stdout("worker2", 2.011, "[worker2] rejected id=m-2 reason=poison"),
            Self.stdout("worker2", 2.5, "connected to rabbitmq"),
            Self.stdout("worker2", nil, "[worker2] done id=m-9 redelivered=false ms=1"),
        ]
        var history = History()
        try history.ingest(lines, evidence: StackRoles.reference(environment: [:]).workerEvidence)
        #expect(history.operations.map(\.kind) == [.delivered, .processed, .delivered, .rejected])
        #expect(history.operations.map(\.worker) == ["worker1", "worker1", "worker2", "worker2"])
        #expect(history.operations.map(\.redelivered) == [false, false, true, false])
        #expect(history.operations.allSatisfy { $0.source == .workerStdout })
        #expect(history.gaps == ["1 line of worker2's output matched a worker pattern but had no timestamp; they were left out."])
    }

    @Test("a pattern's worker group wins over the service name; later instances are numbered")
    func stdoutWorkerNames() throws {
        let evidence = WorkerEvidence(donePattern: #"^(?:(?<worker>w\d) )?finished (?<token>\S+)"#)
        var history = History()
        try history.ingest([Self.stdout("consumer", 1, "w7 finished m-1"), Self.stdout("consumer", 2, "finished m-2", index: 2)], evidence: evidence)
        #expect(history.operations.map(\.worker) == ["w7", "consumer#2"])
    }

    @Test(
        "unusable patterns are refused with a sentence",
        arguments: [
            (WorkerEvidence(receivedPattern: "got id=(\\S+)"), "The worker evidence receivedPattern `got id=(\\S+)` has no named group `token`, so it cannot say which message a worker started on; write it as (?<token>...). Only donePattern and rejectedPattern may leave it out."),
            (WorkerEvidence(receivedPattern: "got (?<token>"), "The worker evidence receivedPattern `got (?<token>` is not a valid regular expression"),
        ]
    )
    func badPatterns(evidence: WorkerEvidence, message: String) {
        var history = History()
        #expect {
            try history.ingest([Self.stdout("worker1", 1, "done id=m-1")], evidence: evidence)
        } throws: { error in
            (error as? WorkerPatternError)?.description.hasPrefix(message) == true
        }
        #expect(history.operations.isEmpty)
    }

    struct MergeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var other: HistoryOperation
        var merged: Int
        var testDescription: String { name }
    }

    @Test(
        "the same event from two sources counts once",
        arguments: [
            MergeCase(name: "4 ms apart", other: F.processed("m-1", "worker1", 1.254, source: .workerStdout), merged: 2),
            MergeCase(name: "1 s apart", other: F.processed("m-1", "worker1", 2.25, source: .workerStdout), merged: 2),
            MergeCase(name: "1.5 s apart", other: F.processed("m-1", "worker1", 2.75, source: .workerStdout), merged: 3),
            MergeCase(name: "another worker", other: F.processed("m-1", "worker2", 1.25, source: .workerStdout), merged: 3),
            MergeCase(name: "another kind", other: F.requeued("m-1", "worker1", 1.25), merged: 3),
            MergeCase(name: "another message", other: F.processed("m-2", "worker1", 1.25, source: .workerStdout), merged: 3),
        ]
    )
    func mergeDedupe(_ mergeCase: MergeCase) {
        let log = History([F.delivered("m-1", "worker1", 1), F.processed("m-1", "worker1", 1.25)])
        let merged = History.merging([log, History([mergeCase.other])])
        #expect(merged.operations.count == mergeCase.merged)
        #expect(merged.operations.first?.source == .workerLog)
    }

    @Test("merging the record file with worker output: repeats keep their count, a redelivery flag survives")
    func mergeSources() throws {
        var log = History()
        log.ingest(WorkerLog(parsing: Array(Self.messagesLog.utf8)))
        log.ingest(
            WorkerLog(parsing: Array(#"{"worker":"worker1","id":"m-3","message":"m-3","redelivered":true,"outcome":"requeued","started_at":"2026-01-01T00:00:03.600Z","finished_at":"2026-01-01T00:00:03.700Z"}"#.utf8))
        )
        let reference = StackRoles.reference(environment: [:]).workerEvidence
        // The stdout pattern for "done" has no redelivered group, so it reads every processing as fresh.
        let evidence = WorkerEvidence(receivedPattern: reference.receivedPattern, donePattern: reference.donePattern, rejectedPattern: reference.rejectedPattern)
        var stdout = History()
        try stdout.ingest(
            [
                Self.stdout("worker1", 1.003, "[worker1] received id=m-1 redelivered=false message=m-1"),
                Self.stdout("worker1", 1.252, "[worker1] done id=m-1 redelivered=false ms=250"),
                Self.stdout("worker2", 2.002, "[worker2] received id=m-2 redelivered=true message=m-2"),
                Self.stdout("worker2", 2.012, "[worker2] rejected id=m-2 reason=poison"),
                Self.stdout("worker1", 3.001, "[worker1] received id=m-3 redelivered=false message=m-3"),
                Self.stdout("worker1", 3.601, "[worker1] received id=m-3 redelivered=true message=m-3"),
                Self.stdout("worker2", 9, "[worker2] received id=m-4 redelivered=false message=m-4"),
            ],
            evidence: evidence
        )
        let merged = History.merging([log, stdout])
        #expect(merged.operations.count == 9)
        #expect(merged.timeline(for: "m-3").filter { $0.kind == .delivered }.map(\.redelivered) == [false, true])
        #expect(merged.timeline(for: "m-2").map(\.redelivered) == [true, true])
        #expect(merged.timeline(for: "m-4").map(\.source) == [.workerStdout])
        #expect(merged.operations.filter { $0.source == .workerStdout }.count == 1)
        #expect(merged.gaps == log.gaps)
    }

    @Test("each delivery becomes a timeline bar")
    func traces() {
        let history = History(
            F.acknowledged("m-1", 0) + [
                F.delivered("m-1", "worker1", 1),
                F.delivered("m-1", "worker2", 7, redelivered: true),
                F.processed("m-1", "worker2", 8),
                F.processed("m-2", "worker2", 9),
            ]
        )
        #expect(history.traces == [
            MessageTrace(id: "m-1", worker: "worker1", start: F.at(1), end: nil, redelivered: false, outcome: .unfinished),
            MessageTrace(id: "m-1", worker: "worker2", start: F.at(7), end: F.at(8), redelivered: true, outcome: .acked),
            MessageTrace(id: "m-2", worker: "worker2", start: F.at(9), end: F.at(9), redelivered: false, outcome: .acked),
        ])
    }

    @Test("a history and its analysis survive JSON")
    func codable() throws {
        var history = F.cleanRun
        history.noteGap("worker2's output could not be read.")
        let decoded = try JSONDecoder().decode(History.self, from: JSONEncoder().encode(history))
        #expect(decoded == history)
        let analysis = HistoryChecker().check(history)
        #expect(try JSONDecoder().decode(HistoryAnalysis.self, from: JSONEncoder().encode(analysis)) == analysis)
        let json = String(decoding: try JSONEncoder().encode(F.delivered("m-1", "worker1", 0)), as: UTF8.self)
        #expect(json.contains(#""source":"worker-log""#) && json.contains(#""kind":"delivered""#))
    }

    @Test("a decoded history is put back in time order")
    func decodingSorts() throws {
        let operations = [F.processed("m-1", "worker1", 2), F.delivered("m-1", "worker1", 1)]
        let json = try JSONEncoder().encode(["operations": operations])
        #expect(try JSONDecoder().decode(History.self, from: json).operations == operations.reversed())
    }
}
