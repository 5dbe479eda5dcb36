import Foundation

extension SoakCheck {
    /// The soak's account from what was played and observed: the checker's counts, the
    /// figures and the chart.
    static func summary(
        options: SoakOptions, schedule: SoakSchedule, played: Played, attempts: [PublishAttempt], traces: [MessageTrace],
        accounting: SoakAccounting.Result, endToEnd: LatencySummary?
    ) -> SoakSummary {
        let analysis = accounting.analysis
        let load = played.load
        let limit = SoakSummary.storyLimit
        let counts = SoakSummary.Counts(
            attempted: attempts.count, acknowledged: load.acknowledged, refused: load.refused, indeterminate: load.indeterminate,
            processed: analysis.processed, lost: accounting.lost.count, duplicated: analysis.duplicated.count,
            unexpected: analysis.unexpected.count, recovered: analysis.recovered.count, unobserved: accounting.unobserved.count,
            leftInQueue: accounting.leftInQueue.count, redeliveries: traces.filter(\.redelivered).count,
            deadLettered: accounting.deadLettered.count
        )
        let happened = played.windows.compactMap { window in window.began.map { ($0, window.healed ?? $0 + window.fault.duration) } }
        let chart = SoakChart(
            acknowledgedPerSecond: load.series.acknowledged.map(Double.init),
            p99PerSecond: SoakChart.p99PerSecond(attempts, from: load.started, seconds: load.series.count),
            windows: played.windows.enumerated().compactMap { index, window in
                window.began.map { SoakChart.Window(tag: "F\(index + 1)", label: window.fault.description, start: $0, end: window.healed) }
            }
        )
        return SoakSummary(
            seed: schedule.seed ?? (options.schedule == nil ? options.seed : nil), route: load.route, duration: options.duration,
            schedule: schedule, windows: played.windows, counts: counts, acknowledgedPerSecond: load.ackedPerSecond,
            publishLatency: load.publishLatency, endToEndLatency: endToEnd,
            recoveries: FaultRecovery.measure(acked: load.series.acknowledged, faults: happened), chart: chart,
            lost: Array(accounting.lost.prefix(limit)), duplicatedSample: analysis.duplicated.prefix(limit).map(\.id),
            unexpectedSample: analysis.unexpected.prefix(limit).map(\.id), unobservedSample: Array(accounting.unobserved.prefix(limit)),
            leftInQueueSample: Array(accounting.leftInQueue.prefix(limit)), leftBroken: played.leftBroken,
            deadLetterReasons: accounting.deadLettered.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
        )
    }

    /// The verdict on a soak's account: a fail for any lost or unexpected message, each named
    /// with its story; inconclusive when nothing was acknowledged or some acknowledged message
    /// could not be accounted for; else a pass.
    static func judge(_ summary: SoakSummary) -> CheckOutcome {
        let counts = summary.counts
        let figures = figures(summary)
        let evidence = evidence(summary)
        let faults = summary.windows.filter { $0.began != nil }.count
        let under = "under \(faults) fault\(faults == 1 ? "" : "s") (seed \(summary.seed.map(String.init) ?? "none, schedule from a file"))"
        var aftermath = ""
        if !summary.leftBroken.isEmpty {
            aftermath = " The lab could not restore: \(summary.leftBroken.joined(separator: "; "))."
        }
        if counts.lost > 0 || counts.unexpected > 0 {
            var parts: [String] = []
            if counts.lost > 0 {
                let stories = summary.lost.prefix(3).map(\.description).joined(separator: "; ")
                parts.append("\(counts.lost) of \(counts.acknowledged) acknowledged messages lost \(under): \(stories)\(counts.lost > 3 ? "; …" : "")")
            }
            if counts.unexpected > 0 {
                parts.append("\(counts.unexpected) messages processed that the lab never published (\(summary.unexpectedSample.prefix(3).joined(separator: ", ")))")
            }
            return CheckOutcome(verdict: .fail, reason: parts.joined(separator: ". ") + "." + aftermath, figures: figures, evidence: evidence, soak: summary)
        }
        if counts.acknowledged == 0 {
            return CheckOutcome(
                verdict: .inconclusive,
                reason: "No publish was acknowledged in \(SoakFault.seconds(summary.duration)) (\(counts.refused) refused, \(counts.indeterminate) indeterminate), so there was nothing to lose.\(aftermath)",
                figures: figures, evidence: evidence, soak: summary)
        }
        if counts.unobserved > 0 {
            return CheckOutcome(
                verdict: .inconclusive,
                reason: "\(counts.unobserved) of \(counts.acknowledged) acknowledged messages could not be accounted for (\(summary.unobservedSample.prefix(3).joined(separator: ", "))): the lab was not watching the broker when they may have been delivered, or they went to an auto-ack consumer, and the workers print nothing the lab can read. No message was seen lost.\(aftermath)",
                figures: figures, evidence: evidence, soak: summary)
        }
        let figuresLine = "\(counts.duplicated) duplicated, \(counts.recovered) of \(counts.indeterminate) indeterminate recovered, \(counts.redeliveries) redeliveries; \(String(format: "%.1f", summary.acknowledgedPerSecond)) acknowledged msg/s."
        var reason: String
        if counts.deadLettered == 0 && counts.leftInQueue == 0 {
            reason = "All \(counts.acknowledged) acknowledged messages were processed \(under): " + figuresLine
        } else {
            var parts = ["\(counts.processed) processed"]
            if counts.deadLettered > 0 {
                let reasons = summary.deadLetterReasons.sorted { $0.key < $1.key }.map { "\($0.value) \(Self.deadLetterWords($0.key))" }.joined(separator: ", ")
                parts.append("\(counts.deadLettered) dead-lettered by the broker and kept in the dead-letter queue (\(reasons))")
            }
            if counts.leftInQueue > 0 {
                parts.append("\(counts.leftInQueue) still in the work queue after the drain (taken off by the lab)")
            }
            reason = "No acknowledged message was lost \(under): of \(counts.acknowledged) acknowledged, " + parts.joined(separator: ", ") + "; " + figuresLine
        }
        return CheckOutcome(verdict: .pass, reason: reason + aftermath, figures: figures, evidence: evidence, soak: summary)
    }

    /// The `x-death` reason in words.
    static func deadLetterWords(_ reason: String) -> String {
        switch reason {
        case "maxlen": "when the work queue overflowed its max-length"
        case "expired": "when their TTL expired"
        case "rejected": "rejected by a worker"
        default: "for \(reason)"
        }
    }

    static func figures(_ summary: SoakSummary) -> [Figure] {
        let counts = summary.counts
        var figures = [
            Figure("soak.acknowledged", "acknowledged publishes", Double(counts.acknowledged)),
            Figure("soak.lost", "acknowledged messages lost", Double(counts.lost)),
            Figure("soak.acked.per.second", "acknowledged publishes a second", (summary.acknowledgedPerSecond * 10).rounded() / 10, unit: "msg/s"),
            Figure("soak.unexpected", "messages processed, never published", Double(counts.unexpected)),
            Figure("soak.processed", "acknowledged messages processed", Double(counts.processed)),
            Figure("soak.refused", "refused publishes", Double(counts.refused)),
            Figure("soak.indeterminate", "indeterminate publishes", Double(counts.indeterminate)),
            Figure("soak.duplicated", "messages processed more than once", Double(counts.duplicated)),
            Figure("soak.recovered", "indeterminate publishes processed", Double(counts.recovered)),
            Figure("soak.unobserved", "acknowledged messages not accounted for", Double(counts.unobserved)),
            Figure("soak.left", "acknowledged messages left in the queue", Double(counts.leftInQueue)),
            Figure("soak.dead.lettered", "acknowledged messages dead-lettered", Double(counts.deadLettered)),
            Figure("soak.redeliveries", "redeliveries", Double(counts.redeliveries)),
        ]
        if let seed = summary.seed {
            figures.append(Figure("soak.seed", "seed", Double(seed)))
        }
        figures += summary.publishLatency?.figures(key: "soak.publish.latency", label: "publish latency") ?? []
        figures += summary.endToEndLatency?.figures(key: "soak.end.to.end", label: "end-to-end latency") ?? []
        for (index, recovery) in summary.recoveries.enumerated() {
            if let seconds = recovery.seconds {
                figures.append(Figure("soak.recovery.\(index + 1)", "throughput back after the fault at +\(SoakFault.seconds(recovery.start))", seconds, unit: "s"))
            }
        }
        return figures
    }

    static func evidence(_ summary: SoakSummary) -> [Evidence] {
        var evidence = [
            Evidence(source: "nemesis", title: "The faults as played (seed \(summary.seed.map(String.init) ?? "none"))", lines: summary.windows.enumerated().map { index, window in
                let began = window.began.map { "began +\(SoakFault.seconds($0))," } ?? "never injected"
                let healed = window.healed.map { "healed +\(SoakFault.seconds($0))" } ?? (window.began == nil ? "" : "not healed")
                return "F\(index + 1) \(window.fault): \(began) \(healed)" + (window.errors.isEmpty ? "" : " — " + window.errors.joined(separator: "; "))
            })
        ]
        if !summary.lost.isEmpty {
            evidence.append(Evidence(source: "broker", title: "Lost messages, each with its story", lines: summary.lost.map(\.description)))
        }
        return evidence
    }
}
