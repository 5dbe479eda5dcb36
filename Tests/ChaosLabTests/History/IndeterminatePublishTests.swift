@testable import ChaosLab
import Foundation
import Testing

@Suite("History: publishes without a definite answer")
struct IndeterminatePublishTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func attempt(_ token: String, status: Int?, at seconds: Double = 0) -> PublishAttempt {
        PublishAttempt(token: token, at: start.addingTimeInterval(seconds), status: status, detail: status == nil ? "timed out" : "", took: .milliseconds(20))
    }

    static func processed(_ token: String, at seconds: Double) -> MessageTrace {
        MessageTrace(id: token, worker: "worker1", start: start.addingTimeInterval(seconds), end: start.addingTimeInterval(seconds + 0.1), redelivered: false, outcome: .acked)
    }

    @Test("a 503 or no answer that shows up later is recovered, never unexpected", arguments: [503, nil] as [Int?])
    func recovered(status: Int?) {
        let analysis = HistoryChecker().check(History(attempts: [Self.attempt("m-1", status: status)], deliveries: [Self.processed("m-1", at: 1)]))
        #expect(analysis.unexpected.isEmpty, "\(analysis.unexpected.map(\.explanation))")
        #expect(analysis.recovered == ["m-1"])
        #expect(analysis.indeterminate.isEmpty)
        #expect(analysis.figures.first { $0.key == "messages.recovered" }?.value == 1)
    }

    @Test("a 503 or no answer that never shows up stays indeterminate, never lost", arguments: [503, nil] as [Int?])
    func indeterminate(status: Int?) {
        let analysis = HistoryChecker().check(History(attempts: [Self.attempt("m-1", status: status)], deliveries: []))
        #expect(analysis.lost.isEmpty)
        #expect(analysis.indeterminate == ["m-1"])
    }

    @Test("a definite refusal (4xx) that shows up anyway is unexpected: the API said it was not taken")
    func refusedButProcessed() {
        let analysis = HistoryChecker().check(History(attempts: [Self.attempt("m-1", status: 400)], deliveries: [Self.processed("m-1", at: 1)]))
        #expect(analysis.unexpected.map(\.id) == ["m-1"])
        #expect(analysis.recovered.isEmpty)
    }
}
