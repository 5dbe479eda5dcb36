import AMQPClient
@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak AMQP window: publishes awaiting their confirm")
struct PublishWindowTests {
    let sent = ContinuousClock.now
    let at = Date(timeIntervalSince1970: 1_800_000_000)

    func window(_ count: Int, from first: UInt64 = 1) -> PublishWindow {
        var window = PublishWindow()
        let sequences = (0..<UInt64(count)).map { first + $0 }
        window.add(sequences: sequences, tokens: sequences.map { "soak-abcdef-\($0)" }, at: at, sent: sent)
        return window
    }

    @Test("confirms end their publishes with the broker's answer and the time it took; unknown ones are ignored")
    func settle() {
        var window = window(5)
        let answered = sent + .milliseconds(7)
        let attempts = window.settle([
            ConfirmedPublish(sequence: 2, confirmation: .acked),
            ConfirmedPublish(sequence: 1, confirmation: .nacked),
            ConfirmedPublish(sequence: 4, confirmation: .returned(replyCode: 312, replyText: "NO_ROUTE")),
            ConfirmedPublish(sequence: 9, confirmation: .acked),
            ConfirmedPublish(sequence: 2, confirmation: .acked),
        ], answeredAt: answered)
        #expect(attempts.map(\.token) == ["soak-abcdef-2", "soak-abcdef-1", "soak-abcdef-4"])
        #expect(attempts.map(\.confirm) == [.acked, .nacked, .returned])
        #expect(attempts.map(\.outcome) == [.acknowledged, .refused, .refused])
        #expect(attempts[2].detail == "312 NO_ROUTE")
        #expect(attempts.allSatisfy { $0.took == .milliseconds(7) && $0.at == at && $0.route == .amqp })
        #expect(window.count == 2)
        #expect(window.oldestSent == sent)
    }

    @Test("publishes past the confirm timeout become indeterminate, oldest first; the rest wait on")
    func expire() {
        var window = window(3)
        window.add(sequences: [4], tokens: ["soak-abcdef-4"], at: at, sent: sent + .seconds(2))
        _ = window.settle([ConfirmedPublish(sequence: 2, confirmation: .acked)], answeredAt: sent)
        let expired = window.expire(sentBefore: sent + .seconds(1), answeredAt: sent + .seconds(6), detail: "No confirm came within 5 s.")
        #expect(expired.map(\.token) == ["soak-abcdef-1", "soak-abcdef-3"])
        #expect(expired.allSatisfy { $0.outcome == .indeterminate && $0.confirm == nil && $0.took == .seconds(6) })
        #expect(window.count == 1)
        #expect(window.oldestSent == sent + .seconds(2))
    }

    @Test("a lost connection leaves every publish still waiting indeterminate and the window empty")
    func drain() {
        var window = window(4)
        _ = window.settle([ConfirmedPublish(sequence: 3, confirmation: .acked)], answeredAt: sent)
        let drained = window.drain(answeredAt: sent + .milliseconds(1), detail: "connection lost")
        #expect(drained.map(\.token) == ["soak-abcdef-1", "soak-abcdef-2", "soak-abcdef-4"])
        #expect(drained.allSatisfy { $0.outcome == .indeterminate && $0.detail == "connection lost" })
        #expect(window.isEmpty)
        #expect(window.oldestSent == nil)
    }

    @Test("a long run in order keeps the window's storage to what it holds")
    func compaction() {
        var window = PublishWindow()
        var next: UInt64 = 1
        for _ in 0..<2_000 {
            let sequences = (0..<UInt64(100)).map { next + $0 }
            window.add(sequences: sequences, tokens: sequences.map { "t-\($0)" }, at: at, sent: sent)
            next += 100
            _ = window.settle(sequences.dropLast(10).map { ConfirmedPublish(sequence: $0, confirmation: .acked) }, answeredAt: sent)
            _ = window.settle(sequences.suffix(10).map { ConfirmedPublish(sequence: $0, confirmation: .acked) }, answeredAt: sent)
        }
        #expect(window.isEmpty)
        #expect(window.storedEntries == 0)
    }
}
