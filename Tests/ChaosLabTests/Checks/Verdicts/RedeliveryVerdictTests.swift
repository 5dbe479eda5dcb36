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
                  naming: ["No other worker was seen receiving rd-1 after worker1 was killed", "not watching the broker the whole time", "connection reset by peer"]) {
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

    @Test("one worker, or an API that cannot ask for long work → not applicable; otherwise judged")
    func applicability() {
        #expect(Self.check.notApplicable(to: S.roles(workers: 1))?.reason == "The stack has 1 worker; a redelivery needs another worker to receive it.")
        #expect(Self.check.notApplicable(to: S.roles(workTime: false))?.reason == "The API cannot ask for a long task, so a worker cannot be caught in the middle of one.")
        #expect(Self.check.notApplicable(to: S.roles(workers: 1))?.verdict == .notApplicable)
        #expect(Self.check.notApplicable(to: S.roles()) == nil)
    }
}
