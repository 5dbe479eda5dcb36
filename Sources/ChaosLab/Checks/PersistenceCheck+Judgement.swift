import Foundation

extension PersistenceCheck {
    /// What the check saw around the crash.
    struct PersistenceObservation {
        var queue: String
        var load: Load
        var killAt: Date
        /// The work queue after the restart, settled; `nil` when it was gone.
        var after: QueueStatus?
        var restartTime: Duration
        /// Every delivery of the check's messages, before and after the crash.
        var deliveries: [MessageTrace]
        /// Times after the restart the lab was not watching.
        var gaps: [ObservationGap]
    }

    /// The verdict on what was seen: a pure function, tested case by case without a broker.
    func judge(_ seen: PersistenceObservation) -> CheckOutcome {
        let load = seen.load
        let before = load.before
        let survivors = seen.after?.total ?? 0
        let processed = Set(seen.deliveries.filter { $0.start > seen.killAt && $0.outcome.isHandled }.map(\.id))
        let lost = load.tokens.filter { !processed.contains($0) }
        let transient = load.tokens.filter { load.persistent[$0] == false }
        // Only the messages at risk are judged: a message a worker took before the kill (the
        // first batch of a detour) may well turn up after the restart, and is no stranger.
        var history = History(
            attempts: load.attempts.filter { load.tokens.contains($0.token) },
            deliveries: seen.deliveries.filter { $0.start > seen.killAt && load.tokens.contains($0.id) }
        )
        // The broker confirmed every message at risk before the kill: those the API did not
        // take were confirmed to the lab's own client.
        let takenByAPI = Set(load.attempts.filter(\.acknowledged).map(\.token))
        for token in load.tokens where !takenByAPI.contains(token) {
            history.recordPublishAcknowledged(token, at: seen.killAt, detail: "confirmed to the lab's own client")
        }
        let analysis = HistoryChecker().check(history)

        let figures = [
            Figure("queue.before", "messages in \(seen.queue) before the kill (ready + unacknowledged)", Double(before.total), unit: "messages"),
            Figure("queue.before.unacked", "of which in flight (unacknowledged)", Double(before.unacknowledged), unit: "messages"),
            Figure("queue.after", "messages in \(seen.queue) after the restart", Double(survivors), unit: "messages"),
            Figure("queue.durable.after", "queue durable after the restart (1 = yes)", (seen.after?.durable ?? false) ? 1 : 0),
            Figure("published.transient", "messages the firehose saw published transient", Double(transient.count), unit: "messages"),
            Figure("processed", "messages processed after the restart", Double(processed.count), unit: "messages"),
            Figure("lost", "messages lost", Double(lost.count), unit: "messages"),
            .seconds("broker.restart", "time from start to the broker answering with a settled queue", seen.restartTime),
        ] + analysis.figures
        var evidence = [
            analysis.evidence,
            Evidence(source: "broker", title: "\(seen.queue) around the crash (rabbitmqctl list_queues, live counts)", lines: [
                "before the kill: ready \(before.ready), unacknowledged \(before.unacknowledged), durable \(before.durable)",
                "broker killed with SIGKILL at \(seen.killAt.formatted(.iso8601.time(includingFractionalSeconds: true)))",
                seen.after.map { "after the restart: ready \($0.ready), unacknowledged \($0.unacknowledged), durable \($0.durable)" }
                    ?? "after the restart: the broker has no queue named \(seen.queue)",
            ]),
            Evidence(source: "broker", title: "How the messages were published (the firehose's delivery mode)", lines: [
                load.publishedByLab ? "published by the lab's own client, persistent: the API took none, so the producer's delivery mode was not tested"
                    : "\(load.persistent.values.filter { $0 }.count) persistent, \(transient.count) transient, \(load.tokens.count - load.persistent.count) not seen",
            ] + transient.prefix(5).map { "\($0): transient (delivery mode 1)" }),
            Evidence(source: "broker", title: "Deliveries after the restart (the broker's firehose)", lines: seen.deliveries.filter { $0.start > seen.killAt }.map {
                "\($0.id) → \($0.worker) redelivered=\($0.redelivered) \($0.outcome.rawValue)"
            }),
        ]
        if !seen.gaps.isEmpty {
            evidence.append(Evidence(source: "lab", title: "When the lab was not watching the broker", lines: seen.gaps.map(\.description)))
        }
        let messages = seen.deliveries
        let byLab = !load.publishedByLab ? ""
            : load.attempts.isEmpty ? " The stack has no HTTP API, so the lab published them itself (persistent); the producers' own delivery mode was not tested."
            : " The API took none of them, so the lab published them itself (persistent); the producer's own delivery mode was not tested."

        if survivors < before.total || (!lost.isEmpty && seen.gaps.isEmpty) {
            var reason = "\(lost.count) of \(load.tokens.count) confirmed messages lost in the broker crash: \(seen.queue) held \(before.ready) ready + \(before.unacknowledged) unacknowledged before the SIGKILL and \(survivors) after the restart"
            var causes: [String] = []
            if !transient.isEmpty {
                causes.append("\(transient.count == load.tokens.count ? "every message was" : "\(transient.count) of them were") published transient (delivery mode 1, seen on the firehose), so the broker kept \(transient.count == 1 ? "it" : "them") in memory only: publish with delivery_mode=2")
            }
            // A non-durable queue may be gone after the restart, or declared afresh by a
            // reconnecting client; the reading before the kill says what it was.
            if !before.durable || seen.after?.durable == false {
                causes.append("the queue is not durable, so it and its messages die with the broker: declare it durable=True")
            } else if seen.after == nil {
                causes.append("the queue itself was gone")
            }
            if !causes.isEmpty { reason += "; " + causes.joined(separator: "; ") }
            if let first = analysis.lost.first, survivors >= before.total {
                reason += " (\(first.explanation))"
            }
            return .fail(reason + load.detour + "." + byLab, figures: figures, evidence: evidence, messages: messages)
        }
        if !lost.isEmpty {
            return .inconclusive("All \(survivors) messages survived the crash in \(seen.queue), but \(lost.count) were not seen processed while the lab was not watching the broker (\(seen.gaps[0])).", figures: figures, evidence: evidence, messages: messages)
        }
        let inFlightNote = load.inFlight.map { token in
            seen.deliveries.contains { $0.id == token && $0.start > seen.killAt && $0.redelivered } ? "; the in-flight message came back flagged redelivered" : "; the in-flight message came back"
        } ?? ""
        return .pass(
            "All \(load.tokens.count) messages survived the broker's SIGKILL (\(before.total) before, \(survivors) after, restart took \(String(format: "%.1f", seen.restartTime.seconds)) s) and were processed\(inFlightNote)\(load.detour).\(byLab)",
            figures: figures, evidence: evidence, messages: messages
        )
    }
}
