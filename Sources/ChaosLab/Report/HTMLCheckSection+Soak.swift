import Foundation

extension HTMLCheckSection {
    /// A soak's own part, in place of the timeline: its chart, the checker's table, the
    /// schedule as played and the lost messages with their stories.
    func soak(_ summary: SoakSummary) -> [String] {
        var html = [
            "<h3>Throughput and latency under faults</h3>",
            #"<div class="timeline-box">"#, SoakChartSVG(chart: summary.chart, idPrefix: "\(anchor)-soak").render(), "</div>",
            #"<p class="muted">Top: acknowledged publishes a second. Bottom: p99 publish latency of each second (log scale). Shaded: the faults in force, tagged as in the schedule below.</p>"#,
            "<h3>Checker</h3>", #"<table class="figures-table">"#, "<tbody>",
        ]
        html += Self.checkerRows(summary).map { label, value in
            #"<tr><td>\#(escape(label))</td><td class="number">\#(escape(value))</td></tr>"#
        }
        html += ["</tbody>", "</table>"]
        html += schedule(summary)
        if !summary.lost.isEmpty {
            html.append("<h3>Lost messages (\(summary.counts.lost))</h3>")
            html.append(#"<ol class="faults">"#)
            html += summary.lost.map { "<li>\(escape($0.description))</li>" }
            html.append("</ol>")
            if summary.counts.lost > summary.lost.count {
                html.append(#"<p class="muted">\#(summary.counts.lost - summary.lost.count) more lost messages are not listed.</p>"#)
            }
        }
        if !summary.leftBroken.isEmpty {
            html.append(#"<p class="fault-error">The lab could not restore: \#(escape(summary.leftBroken.joined(separator: "; ")))</p>"#)
        }
        return html
    }

    /// The checker's table as label and value.
    static func checkerRows(_ summary: SoakSummary) -> [(String, String)] {
        let counts = summary.counts
        var rows = [
            ("Publish attempts", "\(counts.attempted)"),
            ("Acknowledged", "\(counts.acknowledged)"),
            ("Refused (a definite no)", "\(counts.refused)"),
            ("Indeterminate (no answer, 5xx)", "\(counts.indeterminate)"),
            ("Acknowledged and processed", "\(counts.processed)"),
            ("Lost (acknowledged, never processed)", "\(counts.lost)"),
            ("Duplicated (processed more than once)", "\(counts.duplicated)"),
            ("Unexpected (processed, never published)", "\(counts.unexpected)"),
            ("Recovered (indeterminate, then processed)", "\(counts.recovered)"),
            ("Unobserved (the lab could not see)", "\(counts.unobserved)"),
            ("Left in the queue after the drain", "\(counts.leftInQueue)"),
            ("Dead-lettered by the broker (not processed, kept)", "\(counts.deadLettered)"),
            ("Redeliveries", "\(counts.redeliveries)"),
            ("Acknowledged msg/s", String(format: "%.1f", summary.acknowledgedPerSecond)),
        ]
        if let latency = summary.publishLatency { rows.append(("Publish latency", latency.description)) }
        if let latency = summary.endToEndLatency { rows.append(("End-to-end latency (publish to the worker's ack)", latency.description)) }
        return rows
    }

    func schedule(_ summary: SoakSummary) -> [String] {
        let source = summary.seed.map { "seed \($0)" } ?? "from a file"
        guard !summary.windows.isEmpty else {
            return ["<h3>Schedule (\(source))</h3>", #"<p class="empty">The schedule had no fault.</p>"#]
        }
        var html = [
            "<h3>Schedule (\(source); <code>schedule.json</code> replays it)</h3>", "<table>",
            "<thead><tr><th></th><th>Fault</th><th>Began</th><th>Healed</th><th>Throughput back after</th></tr></thead>", "<tbody>",
        ]
        for (index, window) in summary.windows.enumerated() {
            let recovery = window.began.flatMap { began in summary.recoveries.first { $0.start == began } }
            let back = recovery.map { $0.seconds.map { HTMLReport.seconds($0) } ?? "not within the run" } ?? "—"
            var fault = escape(window.fault.description)
            if !window.errors.isEmpty {
                fault += #"<br><span class="fault-error">\#(escape(window.errors.joined(separator: "; ")))</span>"#
            }
            html.append(
                "<tr><td><b>F\(index + 1)</b></td><td>\(fault)</td><td>\(window.began.map { "+" + HTMLReport.seconds($0) } ?? "never")</td>"
                    + "<td>\(window.healed.map { "+" + HTMLReport.seconds($0) } ?? "—")</td><td>\(back)</td></tr>"
            )
        }
        html += ["</tbody>", "</table>"]
        return html
    }
}
