@testable import ChaosLab
import Foundation
import Testing

/// Redelivery's verdicts on recorded firehose streams: the API publishes rd-1 at 0.95 s, the
/// broker delivers it to worker1 at 1.0 s, and worker1 is SIGKILLed at 1.5 s.
@Suite("Verdicts: redelivery")
struct RedeliveryVerdictTests {
    typealias R = RecordedBroker
    typealias S = RecordedStack
    typealias Result = RedeliveryCheck.Trial.Result

    /// How a trial ended.
    enum TrialVerdict: Hashable, Sendable {
        case concluded(Verdict)
        case killLandedLate
    }

    typealias TrialCase = VerdictCase<RedeliveryCheck.TrialObservation, TrialVerdict>
    typealias ConclusionCase = VerdictCase<[Result], Verdict>

    static let check = RedeliveryCheck()
    static let killAt = R.at(1.5)
    static let gap = ObservationGap(from: R.at(1.55), to: R.at(4), reason: "the firehose connection closed: connection reset by peer")
    static let acknowledging = [S.facts(S.worker1), S.facts(S.worker2), S.facts(S.worker3)]
    static let autoAck = [S.facts(S.worker1, prefetch: 0, acknowledges: false), S.facts(S.worker2, prefetch: 0, acknowledges: false)]

    /// rd-1 published and delivered to worker1, which is then killed; `then` adds what the
    /// broker did next.
    static func stream(_ then: (inout RecordedBroker) -> Void = { _ in }) -> RecordedBroker {
        var recorded = R()
        recorded.publish("rd-1", from: S.api, at: 0.95)
        recorded.deliver("rd-1", to: S.worker1, at: 1.0)
        then(&recorded)
        return recorded
    }

    static func seen(
        _ recorded: RecordedBroker, consumers: [ConsumerFacts] = acknowledging, drains: [Double] = [],
        held: QueueStatus?, gaps: [ObservationGap] = []
    ) -> RedeliveryCheck.TrialObservation {
        let deliveries = recorded.traces(consumers: consumers, drains: drains, names: S.names)
        return RedeliveryCheck.TrialObservation(
            token: "rd-1", queue: "work", attempt: S.attempt("rd-1", at: 0.95), first: deliveries[0],
            consumers: S.services(consumers), killAt: killAt, deliveries: deliveries, held: held, gaps: gaps
        )
    }

    static let trials: [TrialCase] = [
        TrialCase("redelivered to worker2 flagged redelivered, settled by a drain → pass naming both workers and the delay", .concluded(.pass),
                  naming: ["worker1 was killed in the middle of rd-1", "redelivered it to worker2 with redelivered=true 0.12 s after the kill", "it was acknowledged"]) {
            seen(stream { $0.deliver("rd-1", to: S.worker2, at: 1.62, redelivered: true) }, drains: [6], held: S.queue(consumers: 1))
        },
        TrialCase("worker2 requeues the redelivery, worker3 acknowledges it → pass naming worker3", .concluded(.pass),
                  naming: ["redelivered it to worker3 with redelivered=true 0.33 s after the kill"]) {
            seen(stream {
                $0.deliver("rd-1", to: S.worker2, at: 1.62, redelivered: true)
                $0.deliver("rd-1", to: S.worker3, at: 1.83, redelivered: true)
                $0.deliver(nil, to: S.worker2, at: 1.9)
            }, drains: [6], held: S.queue(consumers: 2))
        },
        TrialCase("auto-ack worker killed → fail naming ack_required false, the kill and the empty queue", .concluded(.fail),
                  naming: ["1 message lost: rd-1 was delivered to worker1", "consumes work with auto-ack", "ack_required false", "killed with SIGKILL 0.5 s later",
                           "waited 20 s; work holds 0 ready and 0 unacknowledged", "The broker showed 2 of 2 consumers of work with auto-ack"]) {
            seen(stream(), consumers: autoAck, held: S.queue(consumers: 1))
        },
        TrialCase("worker1 acked before the kill and the queue drained → kill landed late, naming the ack", .killLandedLate,
                  naming: ["worker1 acknowledged rd-1 before the SIGKILL, 0.50 s after receiving it"]) {
            seen(stream(), drains: [1.3], held: S.queue(consumers: 1))
        },
        TrialCase("worker1 acked before the kill, another producer's messages keep the queue busy → kill landed late", .killLandedLate,
                  naming: ["worker1 acknowledged rd-1 before the SIGKILL"]) {
            seen(stream {
                $0.deliver(nil, to: S.worker1, at: 1.2)
                $0.deliver(nil, to: S.worker2, at: 1.7)
            }, held: S.queue(ready: 3, unacknowledged: 1, consumers: 1))
        },
        TrialCase("nobody else consumes, rd-1 waits ready → fail naming the depth and 0 consumers", .concluded(.fail),
                  naming: ["rd-1 was given back when worker1 was killed, but no other worker received it within 20 s", "work holds 1 ready and 0 unacknowledged, with 0 consumers"]) {
            seen(stream(), held: S.queue(ready: 1, consumers: 0))
        },
        TrialCase("no redelivery seen and the queue unreadable → inconclusive: a late kill cannot be told from a loss", .concluded(.inconclusive),
                  naming: ["work could not be read", "cannot tell whether worker1 had acknowledged rd-1 before the SIGKILL"]) {
            seen(stream(), held: nil)
        },
        TrialCase("no redelivery seen while the firehose was down after the kill → inconclusive naming the gap", .concluded(.inconclusive),
                  naming: ["No worker was seen receiving rd-1 again after worker1 was killed", "not watching the broker the whole time", "connection reset by peer"]) {
            seen(stream(), held: S.queue(unacknowledged: 1, consumers: 1), gaps: [gap])
        },
        TrialCase("rd-1 reaches worker2 without the redelivered flag → fail: published again, not redelivered", .concluded(.fail),
                  naming: ["rd-1 reached worker2 after the kill without the redelivered flag", "published again, not redelivered"]) {
            seen(stream { $0.deliver("rd-1", to: S.worker2, at: 1.62) }, drains: [6], held: S.queue(consumers: 1))
        },
        TrialCase("redelivered to worker2, never settled → fail naming worker2 and the outcome unfinished", .concluded(.fail),
                  naming: ["rd-1 was redelivered to worker2 but the broker never saw it settled within 20 s (outcome: unfinished)"]) {
            seen(stream { $0.deliver("rd-1", to: S.worker2, at: 1.62, redelivered: true) }, held: S.queue(unacknowledged: 1, consumers: 1))
        },
    ]

    @Test("trial table", arguments: trials)
    func trial(_ row: TrialCase) {
        switch Self.check.judge(row.seen()) {
        case .concluded(let outcome):
            #expect(row.expected == .concluded(outcome.verdict), "\(outcome.reason)")
            row.expectNamed(in: outcome.reason)
        case .killLandedLate(let worker, let detail):
            #expect(row.expected == .killLandedLate, "\(detail)")
            #expect(worker == "worker1")
            row.expectNamed(in: detail)
        }
    }

    static func judged(_ row: Int) -> Result {
        check.judge(trials[row].seen())
    }

    static let conclusions: [ConclusionCase] = [
        ConclusionCase("first trial passes → its pass, nothing noted", .pass, naming: ["redelivered it to worker2"]) {
            [judged(0)]
        },
        ConclusionCase("first kill late, second trial passes → pass noting the late kill and the longer task", .pass,
                       naming: ["redelivered it to worker2", "A first kill landed after the worker had finished (worker1 acknowledged rd-1 before the SIGKILL", "ran again with a longer task"]) {
            [judged(3), judged(0)]
        },
        ConclusionCase("first kill late, second trial fails on auto-ack → the fail, noting the late kill", .fail,
                       naming: ["ack_required false", "A first kill landed after the worker had finished"]) {
            [judged(3), judged(2)]
        },
        ConclusionCase("both kills late → inconclusive naming both", .inconclusive,
                       naming: ["Both kills landed after the worker had finished its task (worker1 acknowledged rd-1 before the SIGKILL, 0.50 s after receiving it; worker1 acknowledged rd-1", "proves nothing either way"]) {
            [judged(3), judged(4)]
        },
        ConclusionCase("the API answers 503 to the task → inconclusive, api-contract judges the API", .inconclusive,
                       naming: ["The API did not acknowledge the task (503 broker unavailable)", "api-contract judges the API"]) {
            [.concluded(RedeliveryCheck.unpublished(S.attempt("rd-1", status: 503)))]
        },
    ]

    @Test("conclusion over the trials", arguments: conclusions)
    func conclusion(_ row: ConclusionCase) {
        let outcome = Self.check.conclusion(of: row.seen())
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }

    @Test("no worker, or neither an API nor a known event format → not applicable; one worker, instant tasks, events published by the lab are judged")
    func applicability() {
        #expect(Self.check.notApplicable(to: S.roles(workers: 0))?.reason == "The stack has no worker.")
        var noAPI = S.roles()
        noAPI.api = nil
        noAPI.events = nil
        #expect(Self.check.notApplicable(to: noAPI)?.reason == "There is no HTTP API to publish a task through, and how the producers publish their events is not known.")
        #expect(Self.check.notApplicable(to: noAPI)?.verdict == .notApplicable)
        // A counting stack: no API, but the lab publishes its events in the producers' format.
        noAPI.events = EventRoute(routingKey: "registro", bodyTemplate: "{'service_id': '{{token}}'}")
        #expect(Self.check.notApplicable(to: noAPI) == nil)
        #expect(Self.check.notApplicable(to: S.roles(workers: 1)) == nil)
        #expect(Self.check.notApplicable(to: S.roles(workTime: false)) == nil)
        #expect(Self.check.notApplicable(to: S.roles()) == nil)
    }

    // MARK: - One worker, started again

    static let worker1Again = R.channel("172.20.0.5", connection: 2)

    static let oneWorker: [TrialCase] = [
        TrialCase("the only worker, started again, gets rd-1 back flagged → pass saying it came back to it", .concluded(.pass),
                  naming: ["worker1 was killed in the middle of rd-1; the broker redelivered it to worker1 once it started again with redelivered=true 2.50 s after the kill"]) {
            var observed = seen(stream { $0.deliver("rd-1", to: worker1Again, at: 4, redelivered: true) }, consumers: [S.facts(S.worker1), S.facts(worker1Again)], drains: [9], held: S.queue(consumers: 1))
            observed.restarted = true
            return observed
        },
        TrialCase("the only worker, started again, never gets rd-1 back → fail naming it", .concluded(.fail),
                  naming: ["rd-1 was given back when worker1 was killed, but worker1 did not receive it again once started within 20 s"]) {
            var observed = seen(stream(), held: S.queue(ready: 1, consumers: 0))
            observed.restarted = true
            return observed
        },
    ]

    @Test("verdict table, one worker", arguments: oneWorker)
    func oneWorkerVerdict(_ row: TrialCase) {
        switch Self.check.judge(row.seen()) {
        case .concluded(let outcome):
            #expect(row.expected == .concluded(outcome.verdict), "\(outcome.reason)")
            row.expectNamed(in: outcome.reason)
        case .killLandedLate(_, let detail):
            #expect(row.expected == .killLandedLate, "\(detail)")
        }
    }

    // MARK: - A burst of instant tasks

    typealias BurstCase = VerdictCase<RedeliveryCheck.BurstObservation, Verdict>
    static let burst = (1...6).map { "rb-\($0)" }

    /// rb-1…rb-6 queued; worker1 takes rb-1…rb-3 from 2.0 s (rb-3 in flight) and is killed at
    /// 2.05 s; `then` adds what happened next.
    static func burstStream(_ then: (inout RecordedBroker) -> Void) -> RecordedBroker {
        var recorded = R()
        for token in burst { recorded.publish(token, from: S.api, at: 1) }
        for (index, token) in burst.prefix(3).enumerated() { recorded.deliver(token, to: S.worker1, at: 2 + Double(index) * 0.01) }
        then(&recorded)
        return recorded
    }

    static func burstSeen(_ recorded: RecordedBroker, consumers: [ConsumerFacts] = [S.facts(S.worker1), S.facts(worker1Again), S.facts(S.worker2)], drains: [Double] = [9]) -> RedeliveryCheck.BurstObservation {
        let deliveries = recorded.traces(consumers: consumers, drains: drains, names: S.names)
        return RedeliveryCheck.BurstObservation(
            worker: "worker1", queue: "work", attempts: burst.map { S.attempt($0, at: 1) },
            consumers: S.services(consumers), killAt: R.at(2.05), deliveries: deliveries, gaps: []
        )
    }

    static let bursts: [BurstCase] = [
        BurstCase("rb-3 held at the kill comes back flagged to worker1 started again, the rest processed → pass", .pass,
                  naming: ["worker1 was SIGKILLed 50 ms into a burst of 6 instant tasks holding 1 unacknowledged (rb-3)", "rb-3 to worker1 once it started again", "every message of the burst was processed"]) {
            burstSeen(burstStream { recorded in
                recorded.deliver("rb-3", to: worker1Again, at: 4, redelivered: true)
                for token in burst.suffix(3) { recorded.deliver(token, to: worker1Again, at: 4.1) }
            })
        },
        BurstCase("auto-ack worker: rb-1…rb-3 sent, never delivered again → fail naming auto-ack and the count", .fail,
                  naming: ["3 messages lost: worker1 consumes work with auto-ack (the broker's consumer list shows ack_required false once it runs again)", "it had been sent 3 (e.g. rb-1) in the 50 ms before its SIGKILL"]) {
            burstSeen(burstStream { recorded in
                for token in burst.suffix(3) { recorded.deliver(token, to: S.worker2, at: 4) }
            }, consumers: [S.facts(S.worker1, prefetch: 0, acknowledges: false), S.facts(S.worker2, prefetch: 0, acknowledges: false)])
        },
        BurstCase("rb-3 held at the kill never comes back → fail naming it", .fail,
                  naming: ["1 message worker1 had not acknowledged at its SIGKILL never came back (e.g. rb-3)"]) {
            burstSeen(burstStream { recorded in
                for token in burst.suffix(3) { recorded.deliver(token, to: S.worker2, at: 4) }
            }, drains: [])
        },
        BurstCase("rb-3 comes back without the redelivered flag → fail: published again", .fail,
                  naming: ["rb-3 reached a worker after worker1's SIGKILL without the redelivered flag"]) {
            burstSeen(burstStream { recorded in
                recorded.deliver("rb-3", to: S.worker2, at: 4)
                for token in burst.suffix(3) { recorded.deliver(token, to: S.worker2, at: 4.1) }
            }, drains: [])
        },
        BurstCase("worker1 had acknowledged everything it took → inconclusive: nothing was in flight", .inconclusive,
                  naming: ["The SIGKILL found nothing in flight: worker1 had acknowledged all 3 messages", "proves nothing either way"]) {
            burstSeen(burstStream { recorded in
                recorded.deliver(nil, to: S.worker1, at: 2.04)
                for token in burst.suffix(3) { recorded.deliver(token, to: S.worker2, at: 4) }
            })
        },
    ]

    @Test("verdict table, burst of instant tasks", arguments: bursts)
    func burstVerdict(_ row: BurstCase) {
        let outcome = Self.check.judge(row.seen())
        #expect(outcome.verdict == row.expected, "\(outcome.reason)")
        row.expectNamed(in: outcome.reason)
    }
}
