@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak outcomes of HTTP and AMQP publishes")
struct PublishOutcomeTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("HTTP: 2xx acknowledged, 4xx refused, 5xx, 3xx and no response indeterminate", arguments: [
        (200, PublishOutcome.acknowledged), (202, .acknowledged), (204, .acknowledged),
        (400, .refused), (401, .refused), (413, .refused), (429, .refused),
        (500, .indeterminate), (502, .indeterminate), (503, .indeterminate), (504, .indeterminate),
        (301, .indeterminate), (nil, .indeterminate),
    ] as [(Int?, PublishOutcome)])
    func http(status: Int?, expected: PublishOutcome) {
        let attempt = PublishAttempt(token: "soak-abcdef-1", at: Self.at, status: status, detail: "", took: .milliseconds(3))
        #expect(attempt.route == .api)
        #expect(attempt.outcome == expected)
        #expect(attempt.acknowledged == (expected == .acknowledged))
        #expect(attempt.answer == (status.map { "HTTP \($0)" } ?? "no response"))
    }

    @Test("AMQP: an ack is acknowledged, a nack or a return refused, no confirm indeterminate", arguments: [
        (BrokerConfirm.acked, PublishOutcome.acknowledged, "broker ack"), (.nacked, .refused, "broker nack"),
        (.returned, .refused, "returned by the broker"), (nil, .indeterminate, "no confirm"),
    ] as [(BrokerConfirm?, PublishOutcome, String)])
    func amqp(confirm: BrokerConfirm?, expected: PublishOutcome, answer: String) {
        let attempt = PublishAttempt(token: "soak-abcdef-1", at: Self.at, confirm: confirm, detail: "", took: .milliseconds(3))
        #expect(attempt.route == .amqp)
        #expect(attempt.status == nil, "an AMQP publish has no HTTP status")
        #expect(attempt.outcome == expected)
        #expect(attempt.answer == answer)
    }

    @Test("History: an acknowledged publish of either route is owed, a refused one must not appear, an indeterminate one may")
    func history() {
        let attempts = [
            PublishAttempt(token: "soak-abcdef-1", at: Self.at, status: 200, detail: "", took: .milliseconds(3)),
            PublishAttempt(token: "soak-abcdef-2", at: Self.at, confirm: .acked, detail: "", took: .milliseconds(3)),
            PublishAttempt(token: "soak-abcdef-3", at: Self.at, confirm: .nacked, detail: "basic.nack", took: .milliseconds(3)),
            PublishAttempt(token: "soak-abcdef-4", at: Self.at, confirm: .returned, detail: "312 NO_ROUTE", took: .milliseconds(3)),
            PublishAttempt(token: "soak-abcdef-5", at: Self.at, confirm: nil, detail: "no confirm", took: .seconds(5)),
            PublishAttempt(token: "soak-abcdef-6", at: Self.at, status: 404, detail: "", took: .milliseconds(3)),
        ]
        let processed = ["soak-abcdef-1", "soak-abcdef-3", "soak-abcdef-5"].map { token in
            MessageTrace(id: token, worker: "worker1", start: Self.at.addingTimeInterval(1), end: Self.at.addingTimeInterval(1.1), redelivered: false, outcome: .acked)
        }
        let analysis = HistoryChecker().check(History(attempts: attempts, deliveries: processed))
        #expect(analysis.acknowledged == 2)
        #expect(analysis.lost.map(\.id) == ["soak-abcdef-2"])
        #expect(analysis.unexpected.map(\.id) == ["soak-abcdef-3"])
        #expect(analysis.recovered == ["soak-abcdef-5"])
    }

    @Test("an AMQP attempt round-trips through JSON, and one written before routes existed reads as an API attempt")
    func coding() throws {
        let amqp = PublishAttempt(token: "soak-abcdef-1", at: Self.at, confirm: .returned, detail: "312 NO_ROUTE", took: .milliseconds(3))
        #expect(try JSONDecoder().decode(PublishAttempt.self, from: JSONEncoder().encode(amqp)) == amqp)
        var json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(
            PublishAttempt(token: "t", at: Self.at, status: 503, detail: "", took: .seconds(1)))) as? [String: Any])
        json["route"] = nil
        json["confirm"] = nil
        let old = try JSONDecoder().decode(PublishAttempt.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.route == .api)
        #expect(old.status == 503)
        #expect(old.outcome == .indeterminate)
    }
}
