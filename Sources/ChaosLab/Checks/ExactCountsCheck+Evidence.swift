import Foundation

extension ExactCountsCheck {
    func figures(_ seen: ExactCountsObservation, confirmed: [String], exact: Int, lost: Int, doubled: Int, fellBack: Int) -> [Figure] {
        var figures = [
            Figure("events.published", "events the lab published in the producers' format", Double(seen.events.count), unit: "events"),
            Figure("events.confirmed", "events the broker confirmed", Double(confirmed.count), unit: "events"),
            Figure("counted.once", "confirmed events counted exactly once", Double(exact), unit: "events"),
            Figure("lost", "confirmed events never counted", Double(lost), unit: "events"),
            Figure("counted.twice", "events counted more than once", Double(doubled), unit: "events"),
            Figure("fell.back", "events whose count fell back after a restart", Double(fellBack), unit: "events"),
        ]
        if let before = seen.queueBeforeBrokerKill {
            figures.append(Figure("queue.before", "messages in \(seen.queue) before the broker's SIGKILL", Double(before.total), unit: "messages"))
        }
        figures.append(Figure("queue.after", "messages in \(seen.queue) after the broker's restart", Double(seen.queueAfterBrokerKill?.total ?? 0), unit: "messages"))
        return figures
    }

    func evidence(_ seen: ExactCountsObservation, fellBack: [FallBack], lost: [String], doubled: [String]) -> [Evidence] {
        let prefixCount = seen.events.count
        var evidence = [
            Evidence(source: "counter", title: "\(seen.counterService)'s page at each checkpoint (the lab's keys only)", lines: seen.checkpoints.map { point in
                let shown = point.reading.counts.values
                return "\(point.label): \(shown.count) of \(prefixCount) keys shown, \(shown.reduce(0, +)) counted in all"
            }),
            Evidence(source: "broker", title: "How the lab published the events", lines: [
                "to \(seen.route.destination), \(seen.route.persistent ? "persistent" : "transient") as the producers publish them, body \(seen.route.bodyTemplate)",
                "\(seen.confirmedTokens.count) of \(seen.events.count) confirmed; the firehose saw \(seen.persistent.values.filter { $0 }.count) persistent, \(seen.persistent.values.filter { !$0 }.count) transient",
            ]),
            Evidence(source: "broker", title: "\(seen.queue) around the broker's SIGKILL (rabbitmqctl, live counts)", lines: [
                seen.queueBeforeBrokerKill.map { "before: ready \($0.ready), unacknowledged \($0.unacknowledged), durable \($0.durable)" } ?? "before: not read",
                seen.queueAfterBrokerKill.map { "after: ready \($0.ready), unacknowledged \($0.unacknowledged), durable \($0.durable)" } ?? "after: the broker has no queue named \(seen.queue)",
            ]),
        ]
        let miscounted = fellBack.map(\.token) + lost + doubled
        if !miscounted.isEmpty {
            evidence.append(Evidence(source: "counter", title: "Events miscounted: the count at each checkpoint, and the broker's deliveries", lines: miscounted.prefix(40).map { token in
                let counts = seen.checkpoints.map { String($0.reading.count(token)) }.joined(separator: " → ")
                let phase = seen.events.first { $0.token == token }?.phase.words ?? ""
                let deliveries = seen.deliveries.filter { $0.id == token }.map { "\($0.worker) \($0.outcome.rawValue)\($0.redelivered ? " (redelivered)" : "")" }
                return "\(token) (\(phase)): counts \(counts); delivered \(deliveries.isEmpty ? "never" : deliveries.joined(separator: ", "))"
            }))
        }
        if !seen.gaps.isEmpty {
            evidence.append(Evidence(source: "lab", title: "When the lab was not watching the broker", lines: seen.gaps.map(\.description)))
        }
        return evidence
    }
}
