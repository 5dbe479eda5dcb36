import Foundation

/// The report as one self-contained HTML page (`index.html`): inline CSS and SVG, no scripts,
/// nothing fetched, so it opens from a folder, an archive or a CI artifact as it is.
///
/// The page leads with the run (project, compose file, knobs, start, duration, overall
/// verdict) and a summary table, then gives each check a section: verdict and reason, what
/// was expected, a timeline of messages and faults, the faults injected, the figures and the
/// evidence. Everything that comes from the stack or the run is escaped.
public struct HTMLReport: Sendable {
    /// The run to render.
    public let report: RunReport

    public init(_ report: RunReport) {
        self.report = report
    }

    /// The page.
    public var rendered: String {
        var html = [
            "<!DOCTYPE html>",
            #"<html lang="en">"#,
            "<head>",
            #"<meta charset="utf-8">"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            "<title>\(Self.escape("ChaosLab report: \(report.project) — \(Self.overallText(report))"))</title>",
            "<style>\(Self.stylesheet)</style>",
            "</head>",
            "<body>",
        ]
        html += header
        html.append("<main>")
        html += summary
        for (index, result) in report.results.enumerated() {
            html += HTMLCheckSection(result: result, anchor: Self.anchor(index), notRun: report.startFailure != nil).rendered
        }
        html.append("</main>")
        html.append(#"<footer>Written by ChaosLab. The same run is in <code>report.json</code> (schema version \#(report.schemaVersion)), <code>report.md</code> and <code>junit.xml</code>; service logs are in <code>logs/</code>.</footer>"#)
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    // MARK: - Header and summary

    var header: [String] {
        // A stack that did not start ran no check: its checks are "not run", not a verdict
        // the lab could not reach (which a grader reads as "to review").
        let counts = report.startFailure != nil ? [#"<span class="badge not-applicable">\#(report.results.count) not run</span>"#]
            : Verdict.allCases.compactMap { verdict -> String? in
                let count = report.results.filter { $0.verdict == verdict }.count
                return count == 0 ? nil : #"<span class="badge \#(verdict.rawValue)">\#(count) \#(Self.verdictWord(verdict))</span>"#
            }
        return [
            "<header>",
            "<h1>ChaosLab report: \(Self.escape(report.project))</h1>",
            #"<p class="overall \#(Self.overallVerdict(report).rawValue)">\#(Self.overallText(report))</p>"#,
            #"<p class="counts">\#(counts.joined(separator: " "))</p>"#,
        ] + (report.startFailure.map { [#"<pre class="start-failure">\#(Self.escape($0.replacingOccurrences(of: " | ", with: "\n")))</pre>"#] } ?? []) + [
            #"<dl class="meta">"#,
            "<dt>Compose file</dt><dd><code>\(Self.escape(report.composeFile))</code></dd>",
            "<dt>Knobs</dt><dd>\(report.knobs.isEmpty ? "none (a normal run)" : report.knobs.map { "<code>\(Self.escape($0))</code>" }.joined(separator: ", "))</dd>",
        ] + (report.rolesSummary.map { ["<dt>Roles</dt><dd>\(Self.escape($0)) (<a href=\"roles.txt\">roles.txt</a>)</dd>"] } ?? [])
          + overruled + [
            "<dt>Started</dt><dd>\(report.startedAt.formatted(.iso8601))</dd>",
            "<dt>Duration</dt><dd>\(Self.seconds(report.duration.seconds))</dd>",
            "</dl>",
            "</header>",
        ]
    }

    /// The submission's claims the course's roles overruled, flagged for the grader.
    var overruled: [String] {
        guard let claims = report.overruledClaims, !claims.isEmpty else { return [] }
        let items = claims.map { "<li>\(Self.escape($0))</li>" }.joined()
        return [#"<dt>Overruled</dt><dd class="overruled">⚑ The course's roles overruled \#(claims.count) of the submission's own declarations:<ul>\#(items)</ul></dd>"#]
    }

    var summary: [String] {
        guard !report.results.isEmpty else {
            return [#"<section id="summary"><h2>Summary</h2><p>No checks ran.</p></section>"#]
        }
        var rows = [
            #"<section id="summary">"#, "<h2>Summary</h2>",
            "<table>", "<thead><tr><th>Property</th><th>Verdict</th><th>Key figures</th><th>Duration</th></tr></thead>", "<tbody>",
        ]
        for (index, result) in report.results.enumerated() {
            let figures = result.keyFigures().map { "<li>\(Self.escape($0.label)): <b>\(Self.escape($0.formattedValue))</b></li>" }.joined()
            rows.append(
                ##"<tr><td><a href="#\##(Self.anchor(index))">\##(Self.escape(result.title))</a><br><code>\##(Self.escape(result.check))</code></td>"##
                    + "<td>\(report.startFailure != nil ? Self.notRunBadge : Self.badge(result.verdict))</td>"
                    + #"<td>\#(figures.isEmpty ? "—" : #"<ul class="figures">\#(figures)</ul>"#)</td>"#
                    + #"<td class="number">\#(Self.seconds(result.duration.seconds))</td></tr>"#
            )
        }
        rows += ["</tbody>", "</table>", "</section>"]
        return rows
    }

    // MARK: - Shared pieces

    /// The run's verdict: fail if a check failed, else inconclusive if one could not conclude,
    /// else pass.
    static func overallVerdict(_ report: RunReport) -> Verdict {
        if report.startFailure != nil { return .fail }
        let verdicts = Set(report.results.map(\.verdict))
        if verdicts.contains(.fail) { return .fail }
        if verdicts.contains(.inconclusive) { return .inconclusive }
        return .pass
    }

    static func overallText(_ report: RunReport) -> String {
        if report.startFailure != nil {
            return "The stack did not start, so no check could run."
        }
        let notPassed = report.results.filter { $0.verdict == .fail || $0.verdict == .inconclusive }.count
        return notPassed == 0
            ? "All \(report.results.count) checks passed or did not apply."
            : "\(notPassed) of \(report.results.count) checks did not pass."
    }

    /// A verdict as a coloured badge; the symbol and word carry it without the colour.
    static func badge(_ verdict: Verdict) -> String {
        let symbol = switch verdict {
        case .pass: "✓"
        case .fail: "✗"
        case .notApplicable: "–"
        case .inconclusive: "?"
        }
        return #"<span class="badge \#(verdict.rawValue)">\#(symbol) \#(verdictWord(verdict))</span>"#
    }

    /// The badge of a check that could not run because the stack did not start.
    static let notRunBadge = #"<span class="badge not-applicable">· not run</span>"#

    static func verdictWord(_ verdict: Verdict) -> String {
        verdict.word
    }

    static func anchor(_ index: Int) -> String {
        "check-\(index + 1)"
    }

    static func seconds(_ value: Double) -> String {
        String(format: value < 10 ? "%.2f s" : "%.1f s", value)
    }

    static func escape(_ text: String) -> String {
        HTMLEscaping.text(text)
    }
}
