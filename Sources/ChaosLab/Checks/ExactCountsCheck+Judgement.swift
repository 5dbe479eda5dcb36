import Foundation

extension ExactCountsCheck {
    /// Why an event that was confirmed shows no count at the end, as the broker tells it.
    enum LossCause: Hashable {
        /// Delivered with auto-ack just before the counter's SIGKILL, never again.
        case autoAckedAtKill
        /// In the queue when the broker died, never delivered after.
        case brokerCrash
        /// Delivered and settled (acknowledged or auto-acked) but never counted.
        case handledNotCounted
        /// The broker never delivered it from the work queue.
        case neverDelivered
        /// Delivered, but the lab cannot say how it ended.
        case unsettled
    }

    /// The verdict on what was seen: a pure function, tested case by case without a broker.
    func judge(_ seen: ExactCountsObservation) -> CheckOutcome {
        let confirmed = seen.confirmedTokens
        let final = seen.final ?? CounterReading(counts: [:], status: 0, at: Date())
        let fellBack = fallBacks(seen, among: Set(confirmed))
        let forgotten = Set(fellBack.map(\.token))
        let lost = confirmed.filter { final.count($0) == 0 && !forgotten.contains($0) }
        let doubled = confirmed.filter { final.count($0) >= 2 }
        let exact = confirmed.filter { final.count($0) == 1 && !forgotten.contains($0) }
        let figures = figures(seen, confirmed: confirmed, exact: exact.count, lost: lost.count, doubled: doubled.count, fellBack: forgotten.count) + (seen.trigger?.figures ?? [])
        let evidence = evidence(seen, fellBack: fellBack, lost: lost, doubled: doubled) + (seen.trigger?.evidence ?? [])
        let phases = "\(steadyEvents) with nothing failing, \(burstEvents) in a burst with \(seen.counterService) SIGKILLed halfway, \(queuedEvents) queued when the broker was SIGKILLed"

        guard !confirmed.isEmpty else {
            let returned = seen.events.filter { $0.attempt.confirm == .returned }
            if let first = returned.first {
                return .inconclusive("The broker returned the lab's events as unroutable (\(first.attempt.detail)): nothing is bound to \(seen.route.destination), so no event reached \(seen.queue); check events.exchange and events.routing_key.", figures: figures, evidence: evidence)
            }
            return .inconclusive("The broker confirmed none of the lab's events to \(seen.route.destination) (\(seen.events.first?.attempt.detail ?? "none published")), so there was nothing to count.", figures: figures, evidence: evidence)
        }
        if !seen.settled, !lost.isEmpty {
            return .inconclusive("\(seen.counterService) was still working when the lab stopped waiting (\(seen.queue) not drained after 60 s): \(lost.count) confirmed events not counted yet, so the lab cannot say they are lost.", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        var problems: [String] = []
        if let trigger = seen.trigger, trigger.outcome == .broken {
            problems.append(trigger.sentence)
        }
        if let first = fellBack.first {
            problems.append("counts kept only in memory: \(forgotten.count) events counted before \(seen.counterService) was killed or stopped showed a lower count once it ran again (\(first.token): \(first.from) \(first.fromLabel), \(first.to) \(first.toLabel)); keep the counts where a restart finds them (a file on a volume, a database)")
        }
        if !lost.isEmpty {
            problems.append("\(lost.count) of \(confirmed.count) confirmed events never counted: " + lossReasons(seen, lost: lost))
        }
        if let first = doubled.first {
            let times = seen.deliveries.filter { $0.id == first }
            let redelivered = times.contains(where: \.redelivered) ? ", the later one flagged redelivered after the kill" : ""
            problems.append("\(doubled.count) events counted more than once (\(first): \(final.count(first)), delivered \(times.count) times\(redelivered)): the counter counts a redelivered event again; recognise events it already counted (by message id) before counting")
        }
        if !problems.isEmpty {
            return .fail(problems.joined(separator: "; ") + ".", figures: figures, evidence: evidence, messages: seen.deliveries)
        }
        let trigger = seen.trigger.map { part in
            part.outcome == .inconclusive ? " The trigger part was not judged: \(part.sentence)" : " " + part.sentence
        } ?? ""
        return .pass(
            "All \(confirmed.count) confirmed events (\(phases)) show a count of exactly 1 on \(seen.counterService)'s page, and no count fell back between readings." + trigger,
            figures: figures, evidence: evidence, messages: seen.deliveries
        )
    }

    /// A key whose count fell between two consecutive readings.
    struct FallBack: Hashable {
        var token: String
        var from: Int
        var fromLabel: String
        var to: Int
        var toLabel: String
    }

    /// The first fall of each key's count, in event order.
    func fallBacks(_ seen: ExactCountsObservation, among tokens: Set<String>) -> [FallBack] {
        seen.events.map(\.token).filter(tokens.contains).compactMap { token in
            for (earlier, later) in zip(seen.checkpoints, seen.checkpoints.dropFirst()) {
                let from = earlier.reading.count(token)
                let to = later.reading.count(token)
                if to < from {
                    return FallBack(token: token, from: from, fromLabel: earlier.label, to: to, toLabel: later.label)
                }
            }
            return nil
        }
    }

    /// Why each lost event was lost, grouped by cause, with the broker's evidence.
    func lossReasons(_ seen: ExactCountsObservation, lost: [String]) -> String {
        let byCause = Dictionary(grouping: lost) { cause(of: $0, seen) }
        var parts: [String] = []
        func add(_ cause: LossCause, _ words: (Int, String) -> String) {
            guard let tokens = byCause[cause], let first = tokens.first else { return }
            parts.append(words(tokens.count, first))
        }
        add(.autoAckedAtKill) { count, first in
            "\(count) were delivered to \(seen.counterService) with auto-ack (the broker forgets such a delivery the moment it sends it) just before its SIGKILL and never delivered again (e.g. \(first)): acknowledge each event after counting it, not on delivery"
        }
        add(.brokerCrash) { count, first in
            var causes: [String] = []
            let transient = byCause[.brokerCrash, default: []].filter { seen.persistent[$0] == false }.count
            if transient > 0 { causes.append("\(transient == count ? "they were" : "\(transient) were") published transient (delivery mode 1, seen on the firehose)") }
            if seen.queueBeforeBrokerKill?.durable == false || seen.queueAfterBrokerKill?.durable == false {
                causes.append("\(seen.queue) is not durable")
            } else if seen.queueAfterBrokerKill == nil {
                causes.append("\(seen.queue) was gone after the restart")
            }
            let why = causes.isEmpty ? "" : ": " + causes.joined(separator: ", and ")
            return "\(count) were in \(seen.queue) when the broker was SIGKILLed and never delivered after it (e.g. \(first))\(why)"
        }
        add(.handledNotCounted) { count, first in
            "\(count) were delivered to \(seen.counterService) and settled but never counted (e.g. \(first))"
        }
        add(.neverDelivered) { count, first in
            "\(count) were confirmed but never delivered from \(seen.queue) (e.g. \(first))"
        }
        add(.unsettled) { count, first in
            "\(count) were delivered but the broker never saw them settled (e.g. \(first))"
        }
        return parts.joined(separator: "; ")
    }

    func cause(of token: String, _ seen: ExactCountsObservation) -> LossCause {
        let deliveries = seen.deliveries.filter { $0.id == token }
        if let kill = seen.counterKillAt, let last = deliveries.last, last.start <= kill, last.outcome == .autoAcked {
            return .autoAckedAtKill
        }
        let phase = seen.events.first { $0.token == token }?.phase
        if phase == .brokerKill, let kill = seen.brokerKillAt, !deliveries.contains(where: { $0.start > kill }) {
            return .brokerCrash
        }
        if deliveries.isEmpty { return .neverDelivered }
        if deliveries.contains(where: \.outcome.isHandled) { return .handledNotCounted }
        return .unsettled
    }
}
