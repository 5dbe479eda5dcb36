@testable import ChaosLab
import Foundation
import Testing

/// The API contract against the broker's firehose: a good message answered "Message sent" only
/// once the broker saw it published to the work queue, and nothing published for refused
/// input. Times are seconds from ``RecordedBroker/start``, on the lab's one clock.
@Suite("API contract: answers against the firehose")
struct APIContractPublishTests {
    typealias Post = APIContractCheck.Post

    static let check = APIContractCheck()
    static let sender = RecordedBroker.channel("172.20.0.5")
    static let good = "api-contract-abc123-2"
    static let sent = #"{"id": "m-1", "status": "Message sent"}"#

    static func post(_ purpose: Post.Purpose, token: String, at seconds: Double, status: Int?, body: String, tookMilliseconds: Int = 5) -> Post {
        Post(purpose: purpose, attempt: PublishAttempt(
            token: token, at: RecordedBroker.at(seconds), status: status, detail: status == nil ? "connection refused" : body, took: .milliseconds(tookMilliseconds)
        ))
    }

    /// The good message: sent at 1.000 s, answered at 1.005 s.
    static func goodPost(status: Int? = 200, body: String = sent) -> Post {
        post(.good, token: good, at: 1, status: status, body: body)
    }

    static func record(_ broker: RecordedBroker, gaps: [ObservationGap] = [], unavailable: String? = nil, readAt: Double = 4.005) -> APIContractCheck.PublishRecord {
        APIContractCheck.PublishRecord(
            publishes: broker.events, gaps: gaps, unavailable: unavailable, readAt: RecordedBroker.at(readAt), names: ["172.20.0.5": "sender"]
        )
    }

    static func gap(_ from: Double, _ to: Double) -> ObservationGap {
        ObservationGap(from: RecordedBroker.at(from), to: RecordedBroker.at(to), reason: "the firehose connection was lost (broker restarting)")
    }

    struct GoodRow: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int? = 200
        var body: String = APIContractPublishTests.sent
        /// When the firehose reported the publish; `nil`: it never did.
        var publishedAt: Double?
        var queue = "work"
        var exchange = ""
        var routed: [String]?
        var persistent = true
        var gaps: [ObservationGap] = []
        var unavailable: String?
        var passed: Bool?
        /// Phrases the observed text must contain.
        var says: [String]
        var testDescription: String { name }
    }

    @Test("a good message is answered only once the broker saw it published to the work queue", arguments: [
        GoodRow(name: "published 3 ms before the answer", publishedAt: 1.002, passed: true, says: ["200 {\"id\": \"m-1\", \"status\": \"Message sent\"} in 5 ms", "published 3 ms before the answer"]),
        GoodRow(name: "answer 30 ms ahead of the event: within the 50 ms margin", publishedAt: 1.035, passed: true, says: ["answered 30 ms before the publish"]),
        GoodRow(name: "answer 51 ms ahead of the event: past the margin", publishedAt: 1.056, passed: false, says: ["51 ms before the broker saw"]),
        GoodRow(name: "answered 212 ms before the publish", publishedAt: 1.217, passed: false,
                says: ["212 ms before the broker saw api-contract-abc123-2 published at ", ": the API does not wait for the broker"]),
        GoodRow(name: "answer-before-publish: published 300 ms after the answer", publishedAt: 1.305, passed: false, says: ["answered 'Message sent' at ", "300 ms before the broker saw"]),
        GoodRow(name: "never published", passed: false,
                says: ["answered 'Message sent' but the broker never saw api-contract-abc123-2 published (watched for 3.0 s after the answer)"]),
        GoodRow(name: "never seen while the firehose was down: unobserved", gaps: [gap(0.5, 2)], passed: nil,
                says: ["whether the broker saw it published is unknown: the lab was not watching the broker from ", "broker restarting"]),
        GoodRow(name: "never seen and the lab cannot watch: unobserved", unavailable: "tracing refused", passed: nil, says: ["the lab cannot watch the broker (tracing refused)"]),
        GoodRow(name: "seen published despite a later gap", publishedAt: 1.002, gaps: [gap(2, 2.5)], passed: true, says: ["published 3 ms before the answer"]),
        GoodRow(name: "through a named exchange to the queue its bindings choose", publishedAt: 1.002, queue: "task", exchange: "tasks", routed: ["jobs"], passed: true, says: ["published 3 ms before"]),
        GoodRow(name: "through a named exchange to no queue", publishedAt: 1.002, queue: "task", exchange: "tasks", routed: [], passed: false,
                says: ["published to no queue via exchange tasks with key task, persistent, by sender, not to work: no worker gets it"]),
        GoodRow(name: "through the default exchange to another queue", publishedAt: 1.002, queue: "other", passed: false, says: ["to other via the default exchange", "not to work"]),
        GoodRow(name: "transient: told, and left to the persistence check", publishedAt: 1.002, persistent: false, passed: true,
                says: ["published transient (delivery mode 1): the persistence check judges that, this one does not"]),
        GoodRow(name: "answered 503 yet published", status: 503, body: #"{"error": "broker down"}"#, publishedAt: 1.002, passed: false,
                says: ["503 {\"error\": \"broker down\"} in 5 ms; the broker saw it published at "]),
        GoodRow(name: "200 without \"Message sent\"", body: "{}", publishedAt: 1.002, passed: false, says: ["200 {} in 5 ms"]),
    ])
    func goodMessage(_ row: GoodRow) throws {
        var broker = RecordedBroker()
        if let at = row.publishedAt {
            broker.publish(Self.good, from: Self.sender, at: at, queue: row.queue, exchange: row.exchange, routedTo: row.routed, persistent: row.persistent)
        }
        let judgement = Self.check.judgePublishes(
            route: "direct", posts: [Self.goodPost(status: row.status, body: row.body)],
            record: Self.record(broker, gaps: row.gaps, unavailable: row.unavailable), workQueue: "work"
        )
        let only = try #require(judgement.cases.first)
        #expect(judgement.cases.count == 1)
        #expect(only.name == "POST a good message")
        #expect(only.passed == row.passed, "\(only.observed)")
        for phrase in row.says {
            #expect(only.observed.contains(phrase), "\(only.observed)")
        }
    }

    static let badTokens = (10...13).map { "api-contract-abc123-\($0)" }

    /// Bad JSON, an empty message, a missing field and an oversized body, sent at 0.1, 0.2,
    /// 0.3 and 0.4 s, then the good message at 1 s.
    static func posts(statuses: [Int?]) -> [Post] {
        let inputs = check.badInputs(token: { badTokens[$0] }).enumerated().map { index, input in
            post(.badInput(input), token: badTokens[index], at: 0.1 * Double(index + 1), status: statuses[index], body: statuses[index] == 200 ? sent : #"{"error": "bad"}"#, tookMilliseconds: 3)
        }
        return inputs + [goodPost()]
    }

    struct BadRow: Sendable, CustomTestStringConvertible {
        var name: String
        var statuses: [Int?] = [400, 400, 400, 413]
        /// Publishes besides the good message's: the token in the body (`nil`: none) and when.
        var publishes: [(token: String?, at: Double)] = []
        var gaps: [ObservationGap] = []
        var passed: [Bool?]
        /// The case at this index says this.
        var says: (index: Int, phrase: String)?
        var testDescription: String { name }
    }

    @Test("refused input publishes nothing, as the firehose shows", arguments: [
        BadRow(name: "all refused, nothing published", passed: [true, true, true, true], says: (0, "400 {\"error\": \"bad\"} in 3 ms, nothing published")),
        BadRow(name: "accept-empty-message: answered 200 and published without the lab's token", statuses: [400, 200, 200, 413],
               publishes: [(nil, 0.202), (nil, 0.302)], passed: [true, false, false, true],
               says: (1, "200 {\"id\": \"m-1\", \"status\": \"Message sent\"} in 3 ms and published 1 message (the broker saw it 1 ms before the answer)")),
        BadRow(name: "refused, then published 300 ms later while other input was sent: found by its token", publishes: [(badTokens[0], 0.403)],
               passed: [false, true, true, true], says: (0, "and published 1 message (the broker saw it 300 ms after the answer)")),
        BadRow(name: "refused, and a publish without a token before the next input", publishes: [(nil, 0.25)], passed: [true, false, true, true]),
        BadRow(name: "refused, nothing seen, but the lab was not watching", gaps: [gap(0.15, 0.35)], passed: [nil, nil, nil, true],
               says: (0, "; whether anything was published is unknown: the lab was not watching the broker from ")),
        BadRow(name: "401 is not a refusal of the input", statuses: [401, 400, 400, 413], passed: [false, true, true, true]),
        BadRow(name: "no answer is not a refusal", statuses: [nil, 400, 400, 413], passed: [false, true, true, true], says: (0, "no answer, nothing published")),
        BadRow(name: "a publish without a token after the good message belongs to no input", publishes: [(nil, 1.5)], passed: [true, true, true, true]),
        BadRow(name: "another check's message belongs to no input", publishes: [("round-robin-abc123-4", 0.25)], passed: [true, true, true, true]),
    ])
    func badInput(_ row: BadRow) throws {
        var broker = RecordedBroker()
        for publish in row.publishes {
            broker.publish(publish.token, from: Self.sender, at: publish.at)
        }
        broker.publish(Self.good, from: Self.sender, at: 1.002)
        let judgement = Self.check.judgePublishes(route: "direct", posts: Self.posts(statuses: row.statuses), record: Self.record(broker, gaps: row.gaps), workQueue: "work")
        let bad = Array(judgement.cases.prefix(4))
        #expect(bad.map(\.name) == ["POST bad JSON", "POST empty message", "POST missing message field", "POST oversized body (1024 KiB)"])
        #expect(bad.map(\.kind) == [.requirement, .requirement, .requirement, .advice])
        #expect(bad.map(\.passed) == row.passed, "\(bad.map(\.observed))")
        #expect(judgement.cases.last?.passed == true)
        if let says = row.says {
            #expect(bad[says.index].observed.contains(says.phrase), "\(bad[says.index].observed)")
        }
    }

    @Test("the evidence lists each good message's send, publish and answer, and each bad input's publishes")
    func evidence() throws {
        var broker = RecordedBroker()
        broker.publish(Self.good, from: Self.sender, at: 1.002)
        broker.publish(nil, from: Self.sender, at: 1.5)
        let judgement = Self.check.judgePublishes(route: "direct", posts: Self.posts(statuses: [400, 400, 400, 413]), record: Self.record(broker), workQueue: "work")
        let clock = APIContractCheck.clock
        #expect(clock(RecordedBroker.at(1.002)).contains("08:00:01.002"), "rounded to the millisecond, not cut")
        #expect(judgement.goodLines == [
            "[direct] api-contract-abc123-2: sent \(clock(RecordedBroker.at(1))), published \(clock(RecordedBroker.at(1.002))) "
                + "(to work via the default exchange with key work, persistent, by sender), answered \(clock(RecordedBroker.at(1.005))) with 200 — published 3 ms before the answer",
        ])
        #expect(judgement.badLines.count == 5)
        #expect(judgement.badLines[0] == "[direct] POST bad JSON (api-contract-abc123-10): answered \(clock(RecordedBroker.at(0.103))) with 400, nothing published")
        #expect(judgement.badLines[4].hasPrefix("[direct] a publish without the lab's token that no bad input accounts for: \(clock(RecordedBroker.at(1.5))) (to work"))
        let blocks = APIContractCheck.publishEvidence([judgement], workQueue: "work")
        #expect(blocks.map(\.lines.count) == [1, 5])
        #expect(blocks[1].title.contains("the depth of work is not read"))
    }

    @Test("answer-before-publish fails the check on both routes, naming the message, both times and the gap")
    func answerBeforePublishMutant() {
        var cases: [APIContractCheck.Case] = []
        for route in ["direct", "proxy"] {
            var broker = RecordedBroker()
            broker.publish(Self.good, from: Self.sender, at: 1.305)
            cases += Self.check.judgePublishes(route: route, posts: Self.posts(statuses: [400, 400, 400, 413]), record: Self.record(broker), workQueue: "work").cases
        }
        let outcome = APIContractCheck.verdict(cases: cases, routes: ["direct", "proxy"])
        #expect(outcome.verdict == .fail)
        let clock = APIContractCheck.clock
        #expect(outcome.reason == "2 of 8 requests broke the contract: POST a good message (direct and proxy): expected 200 \"Message sent\", answered only once the broker saw the message published to work (50 ms margin), "
            + "got answered 'Message sent' at \(clock(RecordedBroker.at(1.005))), 300 ms before the broker saw api-contract-abc123-2 published at \(clock(RecordedBroker.at(1.305))): the API does not wait for the broker.")
    }

    @Test("an unobserved case makes the verdict inconclusive unless another breaks the contract")
    func unobservedVerdict() {
        let seen = APIContractCheck.Case(route: "direct", name: "GET /health", expected: "2xx", observed: "200", passed: true)
        let unseen = APIContractCheck.Case(route: "direct", name: "POST a good message", expected: "x", observed: "unknown: the lab cannot watch the broker (tracing refused)", passed: nil)
        let broken = APIContractCheck.Case(route: "proxy", name: "POST with no credentials", expected: "401 with WWW-Authenticate", observed: "200", passed: false)
        let inconclusive = APIContractCheck.verdict(cases: [seen, unseen], routes: ["direct"])
        #expect(inconclusive.verdict == .inconclusive)
        #expect(inconclusive.reason == "No request broke the contract, but 1 of 2 could not be judged: POST a good message (direct): expected x, got unknown: the lab cannot watch the broker (tracing refused).")
        #expect(inconclusive.figures.first { $0.key == "cases.unobserved" }?.value == 1)
        #expect(inconclusive.evidence.contains { $0.lines.contains("??   [direct] POST a good message: expected x; got unknown: the lab cannot watch the broker (tracing refused)") })
        #expect(APIContractCheck.verdict(cases: [seen, unseen, broken], routes: ["direct", "proxy"]).verdict == .fail)
    }
}
