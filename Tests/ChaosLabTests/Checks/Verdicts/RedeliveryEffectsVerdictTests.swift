@testable import ChaosLab
import Foundation
import Testing

/// Redelivery's effect-file part: after a burst, every message the broker saw acknowledged
/// must have its line in the workers' file (seed 000's `data/messages.log`).
@Suite("Verdicts: redelivery's effect file")
struct RedeliveryEffectsVerdictTests {
    static let path = "/app/data/messages.log"
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// rd-1 and rd-2 acknowledged by worker before its SIGKILL, rd-3 and rd-4 after it started
    /// again, rd-5 rejected (it has no line to owe).
    static let killAt = start.addingTimeInterval(1)
    static let deliveries = (1...4).map { MessageTrace(id: "rd-\($0)", worker: "worker", start: start.addingTimeInterval($0 <= 2 ? 0 : 2), end: nil, redelivered: false, outcome: .acked) }
        + [MessageTrace(id: "rd-5", worker: "worker", start: start, end: start, redelivered: false, outcome: .rejected)]
    static let passed = CheckOutcome.pass("worker was SIGKILLed into a burst; every message of the burst was processed.")

    static func reading(_ text: String, unreadable: [String: String] = [:]) -> EffectFileReading {
        var reading = EffectFileReading(path: path, counts: [:], unreadable: unreadable)
        reading.add(text, prefix: "rd-")
        return reading
    }

    @Test("lines are counted per token, a token standing whole (rd-1 is not rd-12)")
    func counting() {
        let reading = Self.reading("rd-1\nrd-12\nrd-12 again\nhello\n{'message': 'rd-3'}\n")
        #expect(reading.counts == ["rd-1": 1, "rd-12": 2, "rd-3": 1])
    }

    @Test("every acknowledged message written once: the pass says so")
    func allWritten() {
        let judged = RedeliveryCheck.judgeEffects(Self.reading("rd-1\nrd-2\nrd-3\nrd-4\n"), of: Self.deliveries, worker: "worker", killAt: Self.killAt, after: Self.passed)
        #expect(judged.verdict == .pass)
        #expect(judged.reason.hasSuffix("Each of the 4 acknowledged messages has exactly one line in /app/data/messages.log."))
        #expect(judged.figures.first { $0.key == "effect.missing" }?.value == 0)
    }

    @Test("acknowledged but not written: a fail the broker could not see, naming the file and a message")
    func lostFromTheFile() {
        let judged = RedeliveryCheck.judgeEffects(Self.reading("rd-3\n"), of: Self.deliveries, worker: "worker", killAt: Self.killAt, after: Self.passed)
        #expect(judged.verdict == .fail)
        #expect(judged.reason.hasPrefix("3 of the 4 messages the broker saw acknowledged are not in /app/data/messages.log: 2 acknowledged by worker before its SIGKILL and lost with it (e.g. rd-1), 1 acknowledged since and still not written when the lab read the file (e.g. rd-4). worker acknowledges before a message's line is safely written"), "\(judged.reason)")
        #expect(judged.evidence.last?.lines.contains("rd-4: acknowledged, no line") == true)
    }

    @Test("a fail stays a fail and gains the sentence")
    func addsToAFail() {
        let failed = CheckOutcome.fail("3 messages lost: worker consumes work with auto-ack.")
        let judged = RedeliveryCheck.judgeEffects(Self.reading("rd-1\n"), of: Self.deliveries, worker: "worker", killAt: Self.killAt, after: failed)
        #expect(judged.verdict == .fail)
        #expect(judged.reason.hasPrefix("3 messages lost"))
        #expect(judged.reason.contains("3 of the 4 messages the broker saw acknowledged are not in /app/data/messages.log"))
    }

    @Test("written twice is at-least-once delivery: said, not failed")
    func writtenTwice() {
        let judged = RedeliveryCheck.judgeEffects(Self.reading("rd-1\nrd-2\nrd-2\nrd-3\nrd-4\n"), of: Self.deliveries, worker: "worker", killAt: Self.killAt, after: Self.passed)
        #expect(judged.verdict == .pass)
        #expect(judged.reason.contains("1 acknowledged messages have more than one line in /app/data/messages.log (e.g. rd-2: 2)"))
    }

    @Test("a file that cannot be read changes nothing but is said")
    func unreadable() {
        let judged = RedeliveryCheck.judgeEffects(Self.reading("", unreadable: ["worker": "no such file"]), of: Self.deliveries, worker: "worker", killAt: Self.killAt, after: Self.passed)
        #expect(judged.verdict == .pass)
        #expect(judged.reason.hasSuffix("/app/data/messages.log could not be read from worker (no such file), so what the workers wrote was not checked."))
    }
}
