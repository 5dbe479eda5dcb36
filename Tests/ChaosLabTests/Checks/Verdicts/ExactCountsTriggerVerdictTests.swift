@testable import ChaosLab
import Foundation
import Testing

/// Exact-counts' trigger part: ten requests to a producer's own way in (`GET /cliente/uno`),
/// judged by how many events for its key the broker saw published and how far the key's
/// count rose.
@Suite("Verdicts: exact-counts through a producer's trigger")
struct ExactCountsTriggerVerdictTests {
    static let check = ExactCountsCheck()
    static let trigger = EventTrigger(url: "http://127.0.0.1/cliente/uno", key: "app1")

    static func seen(statuses: [Int?] = Array(repeating: 200, count: 10), before: Int = 4, after: Int = 14, published: Int = 10, drained: Bool = true, gap: Bool = false) -> ExactCountsCheck.TriggerObservation {
        let requests = statuses.enumerated().map { index, status in
            PublishAttempt(token: "app1 request \(index + 1)", at: Date(), status: status, detail: status == nil ? "connection refused" : "", took: .milliseconds(5))
        }
        return ExactCountsCheck.TriggerObservation(
            trigger: trigger, counterService: "reporte", queue: "registro", requests: requests, before: before, after: after,
            published: published, drained: drained, gaps: gap ? [ObservationGap(from: Date(), to: nil, reason: "the firehose connection closed")] : []
        )
    }

    @Test("every published event counted once: held, with the figures")
    func held() {
        let part = Self.check.judgeTrigger(Self.seen())
        #expect(part.outcome == .held)
        #expect(part.sentence == "Through the producers' own way in, 10 requests to http://127.0.0.1/cliente/uno published 10 events for app1, and its count on reporte's page rose by exactly 10.")
        #expect(part.figures.first { $0.key == "trigger.counted" }?.value == 10)
    }

    @Test("fewer counted than published, queue drained: lost, with before and after")
    func lost() {
        let part = Self.check.judgeTrigger(Self.seen(after: 11))
        #expect(part.outcome == .broken)
        #expect(part.sentence.contains("rose by only 7 (4 → 11): 3 lost between the broker and the page"), "\(part.sentence)")
    }

    @Test("fewer counted while the queue still held events: inconclusive, never a fail")
    func stillWorking() {
        let part = Self.check.judgeTrigger(Self.seen(after: 11, drained: false))
        #expect(part.outcome == .inconclusive)
        #expect(part.sentence.contains("cannot say the rest are lost"))
    }

    @Test("more counted than published: counted twice")
    func doubled() {
        let part = Self.check.judgeTrigger(Self.seen(after: 16))
        #expect(part.outcome == .broken)
        #expect(part.sentence.contains("2 counted twice"), "\(part.sentence)")
    }

    @Test("2xx answers for events the broker never saw: the producer claimed success it did not have")
    func answeredButNotPublished() {
        let part = Self.check.judgeTrigger(Self.seen(after: 12, published: 8))
        #expect(part.outcome == .broken)
        #expect(part.sentence.contains("10 requests to http://127.0.0.1/cliente/uno answered 2xx, but the broker saw only 8 events for app1 published"), "\(part.sentence)")
    }

    @Test("no request answered 2xx, or the lab was not watching: inconclusive")
    func unobserved() {
        let refused = Self.check.judgeTrigger(Self.seen(statuses: Array(repeating: nil, count: 10), after: 4, published: 0))
        #expect(refused.outcome == .inconclusive)
        #expect(refused.sentence.contains("None of the 10 requests"))
        #expect(Self.check.judgeTrigger(Self.seen(gap: true)).outcome == .inconclusive)
    }

    @Test("a first request repeated while Traefik had no router yet is said in the evidence, and the verdict is the requests'")
    func waitedForRoute() {
        var seen = Self.seen()
        #expect(!Self.check.judgeTrigger(seen).evidence.flatMap(\.lines).contains { $0.contains("repeated") })
        seen.waitedForRoute = .milliseconds(3_500)
        let part = Self.check.judgeTrigger(seen)
        #expect(part.outcome == .held)
        #expect(part.evidence.first?.lines.first == "the first request was repeated for 3.5 s while Traefik answered its own 404 (no router for http://127.0.0.1/cliente/uno yet); those answers published nothing")
    }

    @Test("a broken trigger part fails the whole check, even when the lab's own events were counted exactly")
    func brokenTriggerFailsTheCheck() {
        var seen = ExactCountsVerdictTests.seen(ExactCountsVerdictTests.exact)
        #expect(Self.check.judge(seen).verdict == .pass)
        seen.trigger = Self.check.judgeTrigger(Self.seen(after: 11))
        let outcome = Self.check.judge(seen)
        #expect(outcome.verdict == .fail)
        #expect(outcome.reason.contains("3 lost between the broker and the page"))
        seen.trigger = Self.check.judgeTrigger(Self.seen())
        #expect(Self.check.judge(seen).verdict == .pass)
        #expect(Self.check.judge(seen).reason.contains("Through the producers' own way in"))
    }

    @Test("a stack's own key is read off its page whatever the shape, as a word of its own",
          arguments: [
              (#"{"app1": 12, "app10": 3}"#, 12), ("app10: 3\napp1: 12", 12), ("<td>app1</td><td>12</td>", 12),
              ("app1 = 12", 12), ("app2: 5", 0), ("", 0), (#"{"app1": {"ultimo": "app2", "total": 7}}"#, 7),
          ])
    func countOfKey(page: String, expected: Int) {
        #expect(CounterReading.count(of: "app1", in: page) == expected)
    }
}
