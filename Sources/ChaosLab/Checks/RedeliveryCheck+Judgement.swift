import Foundation

extension RedeliveryCheck {
    /// Everything one trial saw, for ``judge(_:)``.
    struct TrialObservation {
        var token: String
        var queue: String
        var attempt: PublishAttempt
        /// The delivery of the task to the worker that was then killed.
        var first: MessageTrace
        /// The work queue's consumers, read before the kill while every worker consumed.
        var consumers: [(service: String, facts: ConsumerFacts)]
        /// When the worker was killed.
        var killAt: Date
        /// Every delivery of the task once the wait for it ended.
        var deliveries: [MessageTrace]
        /// The work queue once the wait ended; `nil` when it could not be read.
        var held: QueueStatus?
        /// Times the lab was not watching the broker.
        var gaps: [ObservationGap]
        /// Whether the killed worker was started again to receive the redelivery (the stack's
        /// only worker).
        var restarted = false
    }

    /// The outcome for a stack that does not claim the property; `nil` when it does.
    func notApplicable(to roles: StackRoles) -> CheckOutcome? {
        guard !roles.workers.isEmpty else {
            return .notApplicable("The stack has no worker.")
        }
        guard roles.api != nil || roles.events != nil else {
            return .notApplicable("There is no HTTP API to publish a task through, and how the producers publish their events is not known.")
        }
        return nil
    }

    /// The outcome when the API did not take the task: there was nothing to kill a worker over.
    static func unpublished(_ attempt: PublishAttempt) -> CheckOutcome {
        .inconclusive("The API did not acknowledge the task (\(attempt.status.map(String.init) ?? "no response") \(attempt.detail.prefix(200))), so there was nothing to kill a worker over; api-contract judges the API.")
    }

    /// The check's outcome once `trials` ran: the concluding trial's outcome, noting a late
    /// kill before it, or inconclusive when every kill landed late.
    func conclusion(of trials: [Trial.Result]) -> CheckOutcome {
        var lateKills: [String] = []
        for trial in trials {
            switch trial {
            case .concluded(let outcome):
                return lateKills.isEmpty ? outcome : outcome.noting("A first kill landed after the worker had finished (\(lateKills[0])), so the check ran again with a longer task.")
            case .killLandedLate(_, let detail):
                lateKills.append(detail)
            }
        }
        return .inconclusive("Both kills landed after the worker had finished its task (\(lateKills.joined(separator: "; "))): the broker had nothing to give back, which proves nothing either way.")
    }

    /// The trial's verdict on what was seen: a pure function, so every path is tested without
    /// a broker.
    func judge(_ seen: TrialObservation) -> Trial.Result {
        let (token, queue, first, held, deliveries) = (seen.token, seen.queue, seen.first, seen.held, seen.deliveries)
        let autoAck = seen.consumers.filter { !$0.facts.acknowledges }
        let firstAcknowledges = !autoAck.contains { $0.service == first.worker }
        let completed = deliveries.first { $0.start > first.start && $0.outcome.isHandled }
        let redelivery = deliveries.first { $0.id == token && $0.start > first.start }
        let afterKill = seen.killAt.timeIntervalSince(first.start)
        // An ack before the kill shows as the task settled by the worker's next delivery or a
        // drain, or as an empty queue when no other producer keeps the queue busy.
        let firstAcked = deliveries.first { $0.id == token && $0.start == first.start }?.outcome == .acked

        if redelivery == nil, firstAcknowledges, firstAcked || held?.total == 0 {
            return .killLandedLate(worker: first.worker, detail: "\(first.worker) acknowledged \(token) before the SIGKILL, \(String(format: "%.2f", afterKill)) s after receiving it")
        }
        var figures: [Figure] = [
            Figure("deliveries", "deliveries of the task", Double(deliveries.count)),
            Figure("queue.after", "messages left in \(queue)", Double(held?.total ?? 0), unit: "messages"),
            .seconds("received.to.kill", "time from receiving the task to the kill", .seconds(afterKill)),
        ]
        if let redelivery {
            figures.append(.seconds("kill.to.redelivery", "time from the kill to the redelivery", .seconds(redelivery.start.timeIntervalSince(seen.killAt))))
        }
        if let end = completed?.end {
            figures.append(.seconds("kill.to.completion", "time from the kill until the broker showed it settled", .seconds(end.timeIntervalSince(seen.killAt))))
        }
        let analysis = HistoryChecker().check(History(attempts: [seen.attempt], deliveries: deliveries))
        figures += analysis.figures
        let evidence = [analysis.evidence, Evidence(source: "broker", title: "Deliveries of \(token) (the broker's firehose)", lines: deliveries.map {
            "\($0.worker) received it at \($0.start.formatted(.iso8601.time(includingFractionalSeconds: true))) redelivered=\($0.redelivered) → \($0.outcome.rawValue)"
        } + ["\(first.worker) killed with SIGKILL at \(seen.killAt.formatted(.iso8601.time(includingFractionalSeconds: true)))"]
            + seen.consumers.map { "consumer of \(queue) on \($0.service): ack_required \($0.facts.acknowledges), prefetch \($0.facts.prefetch)" })]
        func concluded(_ verdict: Verdict, _ reason: String) -> Trial.Result {
            .concluded(CheckOutcome(verdict: verdict, reason: reason, figures: figures, evidence: evidence, messages: deliveries))
        }

        guard let redelivery else {
            let depth = held.map { "\(queue) holds \($0.ready) ready and \($0.unacknowledged) unacknowledged" } ?? "\(queue) could not be read"
            if !firstAcknowledges {
                return concluded(.fail, "1 message lost: \(token) was delivered to \(first.worker), which consumes \(queue) with auto-ack (the broker's consumer list shows ack_required false), so the broker forgot it when it sent it; \(first.worker) was killed with SIGKILL \(String(format: "%.1f", afterKill)) s later and the message was never delivered again (waited \(Int(redeliveryDeadline.seconds)) s; \(depth))."
                    + Self.autoAckHint(autoAck.count, of: seen.consumers.count, queue: queue))
            }
            guard let held else {
                return concluded(.inconclusive, "No worker received \(token) again after \(first.worker) was killed, but \(queue) could not be read, so the lab cannot tell whether \(first.worker) had acknowledged \(token) before the SIGKILL.")
            }
            if let gap = seen.gaps.first(where: { ($0.to ?? .distantFuture) >= seen.killAt }) {
                return concluded(.inconclusive, "No worker was seen receiving \(token) again after \(first.worker) was killed, but the lab was not watching the broker the whole time (\(gap)); \(depth).")
            }
            let receiver = seen.restarted ? "\(first.worker) did not receive it again once started" : "no other worker received it"
            return concluded(.fail, "\(token) was given back when \(first.worker) was killed, but \(receiver) within \(Int(redeliveryDeadline.seconds)) s: \(depth), with \(held.consumers) consumer\(held.consumers == 1 ? "" : "s").")
        }
        guard redelivery.redelivered else {
            return concluded(.fail, "\(token) reached \(redelivery.worker) after the kill without the redelivered flag, so the broker did not see it as the killed worker's message: it was published again, not redelivered.")
        }
        guard let completed else {
            return concluded(.fail, "\(token) was redelivered to \(redelivery.worker) but the broker never saw it settled within \(Int(redeliveryDeadline.seconds)) s (outcome: \(redelivery.outcome.rawValue)).")
        }
        let seconds = String(format: "%.2f", completed.start.timeIntervalSince(seen.killAt))
        let again = seen.restarted && completed.worker == first.worker ? " once it started again" : ""
        return concluded(.pass, "\(first.worker) was killed in the middle of \(token); the broker redelivered it to \(completed.worker)\(again) with redelivered=true \(seconds) s after the kill, and it was acknowledged.")
    }

    /// A sentence naming auto-ack consumers, or "" when every consumer acknowledges.
    static func autoAckHint(_ automatic: Int, of total: Int, queue: String) -> String {
        guard automatic > 0 else { return "" }
        return " The broker showed \(automatic) of \(total) consumers of \(queue) with auto-ack (ack_required false): a message counts as handled when it is sent, so it dies with its worker; consume with manual acknowledgements and ack after the work."
    }
}

extension CheckOutcome {
    /// The outcome with `sentence` added to its reason.
    func noting(_ sentence: String) -> CheckOutcome {
        var copy = self
        copy.reason += " " + sentence
        return copy
    }
}
