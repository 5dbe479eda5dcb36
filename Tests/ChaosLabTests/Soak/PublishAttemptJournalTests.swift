@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak journal of publish attempts")
struct PublishAttemptJournalTests {
    @Test("attempts of both routes read back as written, awkward details included")
    func roundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let url = URL(fileURLWithPath: directory).appendingPathComponent("attempts.jsonl")
            let at = Date(timeIntervalSince1970: 1_800_000_000.123456)
            let attempts = [
                PublishAttempt(token: "soak-abcdef-1", at: at, status: 200, detail: #"{"status":"Message sent","id":"soak-abcdef-1"}"#, took: .microseconds(1234)),
                PublishAttempt(token: "soak-abcdef-2", at: at, status: nil, detail: "POST http://x got no response: reset\n\ttab \u{1} é ✓ \\ \"", took: .seconds(10)),
                PublishAttempt(token: "soak-abcdef-3", at: at, confirm: .acked, detail: "", took: .microseconds(900)),
                PublishAttempt(token: "soak-abcdef-4", at: at, confirm: .returned, detail: "312 NO_ROUTE", took: .milliseconds(2)),
                PublishAttempt(token: "soak-abcdef-5", at: at, confirm: nil, detail: "No confirm came within 5 s.", took: .seconds(5)),
            ]
            let journal = try PublishAttemptJournal(url: url)
            for attempt in attempts { try journal.append(attempt) }
            try journal.close()
            let read = try PublishAttemptJournal.read(from: url)
            #expect(read.count == attempts.count)
            for (back, attempt) in zip(read, attempts) {
                #expect(back.token == attempt.token)
                #expect(abs(back.at.timeIntervalSince(attempt.at)) < 1e-6)
                #expect(back.route == attempt.route)
                #expect(back.status == attempt.status)
                #expect(back.confirm == attempt.confirm)
                #expect(back.detail == attempt.detail)
                #expect(abs((back.took - attempt.took).seconds) < 1e-9)
                #expect(back.outcome == attempt.outcome)
            }
        }
    }

    @Test("long details are cut, and every line is one JSON object")
    func lines() throws {
        let attempt = PublishAttempt(token: "t", at: Date(), status: 502, detail: String(repeating: "x", count: 5000), took: .seconds(1))
        let line = PublishAttemptJournal.line(attempt)
        #expect(!line.contains("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["detail"] as? String)?.count == PublishAttemptJournal.detailLimit)
        #expect(object["status"] as? Int == 502)
        #expect(object["confirm"] == nil)
    }

    @Test("a journal that cannot be created says where")
    func unwritable() {
        let url = URL(fileURLWithPath: "/nonexistent-directory/attempts.jsonl")
        #expect(throws: JournalError.self) { try PublishAttemptJournal(url: url) }
        #expect(JournalError(url: url, reason: "it could not be created").description
            == "The journal of publish attempts at /nonexistent-directory/attempts.jsonl could not be written: it could not be created.")
    }
}
