import Foundation

/// One check's section of the HTML report: verdict and reason, expectation, timeline, faults,
/// figures and evidence.
struct HTMLCheckSection {
    /// Evidence blocks up to this many lines are shown open; longer ones start collapsed.
    static let openEvidenceLines = 15
    /// Lines of one evidence block printed in the page; the rest are in `report.json`.
    static let maximumEvidenceLines = 2_000

    let result: CheckResult
    /// The section's id, for the summary's links and the timeline's element ids.
    let anchor: String
    /// Whether the check never ran (the stack did not start): shown as not run, not as a
    /// verdict.
    var notRun = false

    var rendered: [String] {
        let style = notRun ? Verdict.notApplicable.rawValue : result.verdict.rawValue
        var html = [
            #"<section class="check \#(style)" id="\#(anchor)">"#,
            #"<h2>\#(escape(result.title)) \#(notRun ? HTMLReport.notRunBadge : HTMLReport.badge(result.verdict))</h2>"#,
            #"<p class="check-meta"><code>\#(escape(result.check))</code> · started \#(result.startedAt.formatted(.iso8601)) · took \#(HTMLReport.seconds(result.duration.seconds))</p>"#,
            #"<p class="reason \#(style)"><strong>\#(notRun ? "Why it did not run:" : Self.reasonHeading(result.verdict))</strong> \#(escape(result.reason))</p>"#,
            #"<p class="expectation"><strong>Expected:</strong> \#(escape(result.expectation))</p>"#,
        ]
        html += advice
        html += result.soak.map(soak) ?? timeline
        html += faults
        html += figures
        html += evidence
        html.append("</section>")
        return html
    }

    static func reasonHeading(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "Observed:"
        case .fail: "Why it failed:"
        case .notApplicable: "Why it does not apply:"
        case .inconclusive: "Why the lab could not conclude:"
        }
    }

    // MARK: - Parts

    var timeline: [String] {
        guard let svg = TimelineSVG(result: result, idPrefix: "\(anchor)-timeline").rendered else {
            return ["<h3>Timeline</h3>", #"<p class="empty">This check followed no messages, so there is no timeline.</p>"#]
        }
        return ["<h3>Timeline</h3>", #"<div class="timeline-box">"#, svg, "</div>", HTMLReport.legend]
    }

    var faults: [String] {
        guard !result.faults.isEmpty else { return [] }
        var html = ["<h3>Faults injected</h3>", #"<ol class="faults">"#]
        for (index, event) in result.faults.enumerated() {
            let offset = String(format: "%+.2f s", result.offset(of: event.at))
            var item = #"<li><b>\#(TimelineSVG.faultTag(index))</b> at <b>\#(offset)</b>: \#(escape(event.fault.description))"#
                + #" <span class="muted">(took \#(HTMLReport.seconds(event.took.seconds)))</span><br><code>\#(escape(event.fault.commandLine))</code>"#
            if let error = event.error {
                item += #"<br><span class="fault-error">The injection failed: \#(escape(error))</span>"#
            }
            html.append(item + "</li>")
        }
        html.append("</ol>")
        return html
    }

    var figures: [String] {
        guard !result.figures.isEmpty else { return [] }
        var html = ["<h3>Figures</h3>", #"<table class="figures-table">"#, "<thead><tr><th>Figure</th><th>Value</th><th>Key</th></tr></thead>", "<tbody>"]
        html += result.figures.map {
            #"<tr><td>\#(escape($0.label))</td><td class="number">\#(escape($0.formattedValue))</td><td><code>\#(escape($0.key))</code></td></tr>"#
        }
        html += ["</tbody>", "</table>"]
        return html
    }

    /// The check's advice, apart from its evidence and before it: it is read with the verdict.
    var advice: [String] {
        let tips = result.evidence.filter(\.isAdvice).flatMap(\.lines)
        guard !tips.isEmpty else { return [] }
        return [#"<div class="advice"><p><strong>Advice</strong> <span class="muted">· good practice the stack does not follow; it does not change the verdict</span></p><ul>"#]
            + tips.map { "<li>\(escape($0))</li>" }
            + ["</ul></div>"]
    }

    var evidence: [String] {
        let items = result.evidence.filter { !$0.isAdvice }
        guard !items.isEmpty else { return [] }
        var html = ["<h3>Evidence</h3>"]
        for item in items {
            let shown = item.lines.prefix(Self.maximumEvidenceLines)
            let open = item.lines.count <= Self.openEvidenceLines ? " open" : ""
            let taken = String(format: "%+.2f s", result.offset(of: item.takenAt))
            html.append(
                #"<details class="evidence"\#(open)><summary><span class="source">\#(escape(item.source))</span> \#(escape(item.title))"#
                    + #" <span class="muted">· \#(item.lines.count) line\#(item.lines.count == 1 ? "" : "s") · taken at \#(taken)</span></summary>"#
            )
            html.append(item.lines.isEmpty ? #"<p class="empty">No lines.</p>"# : "<pre>\(shown.map(escape).joined(separator: "\n"))</pre>")
            if item.lines.count > shown.count {
                html.append(#"<p class="muted">… \#(item.lines.count - shown.count) more lines in report.json.</p>"#)
            }
            html.append("</details>")
        }
        return html
    }

    func escape(_ text: String) -> String {
        HTMLEscaping.text(text)
    }
}
