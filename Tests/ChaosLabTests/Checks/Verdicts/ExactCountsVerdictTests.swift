@testable import ChaosLab
import Foundation
import Testing

/// Exact-counts' verdicts on recorded runs: the counter (worker1 at 172.20.0.5) counts ec-1,
/// ec-2 with nothing failing; of the burst ec-3…ec-6 it takes ec-3 and ec-4 before its SIGKILL
/// at 2.5 s, ec-5 and ec-6 wait for it; it is stopped, ec-7 and ec-8 are queued, the broker is
/// SIGKILLed at 9 s, and the counter takes what survived after 15 s.
@Suite("Verdicts: exact-counts")
struct ExactCountsVerdictTests {
    typealias R = RecordedBroker
    typealias S = RecordedStack
    typealias Case = VerdictCase<ExactCountsObservation, Verdict>

    static let check = ExactCountsCheck(steadyEvents: 2, burstEvents: 4, queuedEvents: 2)
    static let route = EventRoute(routingKey: "work", bodyTemplate: "{'service_id': '{{token}}'}")
    static let afterKill = R.channel("172.20.0.5", connection: 2)
    static let afterCrash = R.channel("172.20.0.5", connection: 3)
    static let phases: [(String, ExactCountsObservation.Phase)] = [
        ("ec-1", .steady), ("ec-2", .steady), ("ec-3", .counterKill), ("ec-4", .counterKill), ("ec-5", .counterKill),
        ("ec-6", .counterKill), ("ec-7", .brokerKill), ("ec-8", .brokerKill),
    ]
    static let labels = ["before the first event", "after the steady events", "when worker1 answered again after its SIGKILL", "with the burst counted", "at the end, settled"]

    /// The firehose of a run: `autoAck` makes the counter consume without acknowledging (it
    /// is then not redelivered ec-4 after the kill); `transient` events are published with
    /// delivery mode 1; `survivors` of the broker crash are delivered after it.
    static func recorded(autoAck: Bool = false, transient: Bool = false, survivors: [String] = ["ec-7", "ec-8"]) -> [MessageTrace] {
        var recorded = R()
        for (index, (token, phase)) in phases.enumerated() {
            let at: Double = switch phase { case .steady: 1 + Double(index) * 0.1; case .counterKill: 2 + Double(index) * 0.05; case .brokerKill: 8 }
            recorded.publish(token, from: S.lab, at: at, persistent: !transient)
        }
        recorded.deliver("ec-1", to: S.worker1, at: 1.1)
        recorded.deliver("ec-2", to: S.worker1, at: 1.2)
        recorded.deliver("ec-3", to: S.worker1, at: 2.2)
        recorded.deliver("ec-4", to: S.worker1, at: 2.3)
        if !autoAck { recorded.deliver("ec-4", to: afterKill, at: 5, redelivered: true) }
        recorded.deliver("ec-5", to: afterKill, at: 5.1)
        recorded.deliver("ec-6", to: afterKill, at: 5.2)
        for (index, token) in survivors.enumerated() { recorded.deliver(token, to: afterCrash, at: 15 + Double(index) * 0.1) }
        let facts = [S.worker1, afterKill, afterCrash].map { S.facts($0, acknowledges: !autoAck) }
        return recorded.traces(consumers: facts, drains: [7, 20], names: S.names)
    }

    /// The counter's page at each checkpoint: `counts[i]` for checkpoint `labels[i]`.
    static func seen(
        _ counts: [[String: Int]], deliveries: [MessageTrace] = recorded(), confirm: BrokerConfirm? = .acked, settled: Bool = true,
        transient: Bool = false, durable: Bool = true, queueAfter: Bool = true
    ) -> ExactCountsObservation {
        var seen = ExactCountsObservation(counterService: "worker1", queue: "work", route: route)
        seen.events = phases.map { token, phase in
            ExactCountsObservation.Event(attempt: PublishAttempt(token: token, at: R.at(1), confirm: confirm, detail: confirm == .returned ? "312 NO_ROUTE" : "", took: .milliseconds(2)), phase: phase)
        }
        for (label, page) in zip(labels, counts) {
            seen.record(label, CounterReading(counts: page, status: 200, at: R.at(1)))
        }
        seen.settled = settled
        seen.counterKillAt = R.at(2.5)
        seen.brokerKillAt = R.at(9)
        seen.queueBeforeBrokerKill = S.queue(ready: 2, consumers: 0, durable: durable)
        seen.queueAfterBrokerKill = queueAfter ? S.queue(ready: 2, consumers: 0, durable: durable) : nil
        seen.persistent = Dictionary(uniqueKeysWithValues: phases.map { ($0.0, !transient) })
        seen.deliveries = deliveries
        return seen
    }

    static func ones(_ upTo: Int) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (1...upTo).map { ("ec-\($0)", 1) })
    }

    static let exact = [[:], ones(2), ones(3), ones(6), ones(8)]

    static let cases: [Case] = [
        Case("every key counted once at every checkpoint → pass", .pass,
             naming: ["All 8 confirmed events", "show a count of exactly 1 on worker1's page, and no count fell back between readings."]) {
            seen(exact)
        },
        Case("counts reset by the counter's restart (kept in memory) → fail naming the key and the checkpoints", .fail,
             naming: ["counts kept only in memory", "ec-1: 1 after the steady events, 0 when worker1 answered again after its SIGKILL", "a file on a volume"]) {
            seen([[:], ones(2), [:], ["ec-4": 1, "ec-5": 1, "ec-6": 1], ["ec-7": 1, "ec-8": 1]])
        },
        Case("auto-ack counter: ec-4 delivered just before the kill and never again → fail naming auto-ack and ec-4", .fail,
             naming: ["1 of 8 confirmed events never counted", "1 were delivered to worker1 with auto-ack", "just before its SIGKILL and never delivered again (e.g. ec-4)"],
             without: ["in memory", "more than once"]) {
            let counts = exact.map { page in page.filter { $0.key != "ec-4" } }
            return seen(counts, deliveries: recorded(autoAck: true))
        },
        Case("transient events in a non-durable queue gone with the broker → fail naming transient and not durable", .fail,
             naming: ["2 of 8 confirmed events never counted", "2 were in work when the broker was SIGKILLed and never delivered after it (e.g. ec-7): they were published transient (delivery mode 1, seen on the firehose), and work is not durable"]) {
            seen([[:], ones(2), ones(3), ones(6), ones(6)], deliveries: recorded(transient: true, survivors: []), transient: true, durable: false)
        },
        Case("the queue gone after the broker's restart → fail saying so", .fail,
             naming: ["2 were in work when the broker was SIGKILLed", "work was gone after the restart"]) {
            seen([[:], ones(2), ones(3), ones(6), ones(6)], deliveries: recorded(survivors: []), queueAfter: false)
        },
        Case("ec-4 redelivered after the kill and counted twice → fail naming the double count and the redelivery", .fail,
             naming: ["1 events counted more than once (ec-4: 2, delivered 2 times, the later one flagged redelivered after the kill)", "by message id"],
             without: ["never counted"]) {
            seen(exact.map { page in page["ec-4"] == nil ? page : page.merging(["ec-4": 2]) { $1 } })
        },
        Case("ec-2 acknowledged but never counted → fail naming it", .fail,
             naming: ["1 of 8 confirmed events never counted", "delivered to worker1 and settled but never counted (e.g. ec-2)"]) {
            seen(exact.map { $0.filter { $0.key != "ec-2" } })
        },
        Case("every event returned unroutable → inconclusive naming the route", .inconclusive,
             naming: ["returned the lab's events as unroutable (312 NO_ROUTE)", "the default exchange with routing key \"work\"", "events.routing_key"]) {
            seen(Array(repeating: [:], count: 5), deliveries: [], confirm: .returned)
        },
        Case("the counter still working when the wait ended → inconclusive, not lost", .inconclusive,
             naming: ["was still working when the lab stopped waiting", "2 confirmed events not counted yet"], without: ["never counted"]) {
            seen([[:], ones(2), ones(3), ones(6), ones(6)], settled: false)
        },
    ]

    @Test("verdict table", arguments: cases)
    func verdict(_ row: Case) {
        let outcome = Self.check.judge(row.seen())
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }

    @Test("the counter's page is read in the shapes students write", arguments: [
        (#"{"app1": 3, "ec-x-1": 1, "ec-x-12": 2}"#, ["ec-x-1": 1, "ec-x-12": 2]),
        ("app1: 3\nec-x-1: 1\nec-x-12: 2\n", ["ec-x-1": 1, "ec-x-12": 2]),
        ("{\n  \"conteos\": {\n    \"ec-x-7\": 4\n  }\n}", ["ec-x-7": 4]),
        ("<tr><td>ec-x-3</td><td>1</td></tr><tr><td>ec-x-4</td><td>2</td></tr>", ["ec-x-3": 1, "ec-x-4": 2]),
        ("ec-x-5 = 10, ec-x-6 = 0", ["ec-x-5": 10, "ec-x-6": 0]),
        ("ec-x-: 3", [:]),
    ])
    func reading(page: String, counts: [String: Int]) {
        #expect(CounterReading.parse(page, prefix: "ec-x-").counts == counts)
    }
}
