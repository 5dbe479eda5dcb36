import Foundation

/// The report as Markdown, for a README, a pull request or a grader's notes. It follows the
/// HTML page: the run, a summary table with the same key figures, then one section per check
/// (without the timeline, which only the HTML page draws).
public struct MarkdownReport: Sendable {
    public let report: RunReport

    public init(_ report: RunReport) {
        self.report = report
    }

    public var rendered: String {
        var lines = [
            "# ChaosLab report: \(report.project)",
            "",
            "**\(HTMLReport.overallText(report))** "
                + "The run took \(String(format: "%.1f", report.duration.seconds)) s, started "
                + "\(report.startedAt.formatted(.iso8601)); compose file `\(report.composeFile)`"
                + (report.knobs.isEmpty ? "." : "; knobs on: \(report.knobs.joined(separator: ", "))."),
        ]
        if let failure = report.startFailure {
            lines += ["", "```text", failure, "```"]
        }
        if let claims = report.overruledClaims, !claims.isEmpty {
            lines += ["", "The course's roles overruled \(claims.count) of the submission's own declarations:", ""] + claims.map { "- \($0)" }
        }
        if let summary = report.rolesSummary {
            let sentence = summary.hasSuffix(".") ? String(summary.dropLast()) : summary
            lines += ["", "Roles: \(sentence) ([roles.txt](roles.txt) says what the lab took each service for)."]
        }
        lines += [
            "",
            "| property | verdict | key figures | duration |",
            "|---|---|---|---|",
        ]
        for result in report.results {
            let figures = result.keyFigures().map { "\($0.label): \($0.formattedValue)" }.joined(separator: "; ")
            lines.append("| \(Self.cell(result.title)) (`\(Self.cell(result.check))`) | \(report.startFailure != nil ? "· not run" : Self.badge(result.verdict)) | \(Self.cell(figures)) | \(String(format: "%.1f", result.duration.seconds)) s |")
        }
        for result in report.results {
            lines += section(result)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func section(_ result: CheckResult) -> [String] {
        var lines = [
            "", "## \(result.title) — \(report.startFailure != nil ? "· not run" : Self.badge(result.verdict))", "",
            "**\(HTMLCheckSection.reasonHeading(result.verdict))** \(result.reason)", "",
            "**Expected:** \(result.expectation)", "",
        ]
        let tips = result.evidence.filter(\.isAdvice).flatMap(\.lines)
        if !tips.isEmpty {
            lines += ["**Advice** (good practice the stack does not follow; it does not change the verdict):", ""]
            lines += tips.map { "- \($0)" }
            lines.append("")
        }
        if !result.messages.isEmpty {
            lines += ["The timeline of its \(result.messages.count) messages is in `index.html`.", ""]
        }
        if let soak = result.soak {
            lines += ["**Checker** (the chart of throughput and latency is in `index.html`, the schedule in `schedule.json`):", "", "| | |", "|---|---|"]
            lines += HTMLCheckSection.checkerRows(soak).map { "| \(Self.cell($0.0)) | \(Self.cell($0.1)) |" }
            lines.append("")
        }
        if !result.faults.isEmpty {
            lines += ["**Faults injected:**", ""]
            for (index, event) in result.faults.enumerated() {
                let offset = String(format: "%+.2f", result.offset(of: event.at))
                lines.append("- \(TimelineSVG.faultTag(index)) at \(offset) s: \(event.fault) (`\(event.fault.commandLine)`)\(event.error.map { " — failed: \($0)" } ?? "")")
            }
            lines.append("")
        }
        if !result.figures.isEmpty {
            lines += ["| figure | value |", "|---|---|"]
            lines += result.figures.map { "| \(Self.cell($0.label)) | \($0.formattedValue) |" }
            lines.append("")
        }
        for evidence in result.evidence where !evidence.isAdvice {
            let fence = Self.fence(for: evidence.lines)
            lines += ["<details><summary>\(HTMLEscaping.text("\(evidence.source): \(evidence.title)"))</summary>", "", fence]
            lines += evidence.lines.prefix(200)
            if evidence.lines.count > 200 { lines.append("… \(evidence.lines.count - 200) more lines") }
            lines += [fence, "</details>", ""]
        }
        return lines
    }

    static func badge(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "✅ pass"
        case .fail: "❌ fail"
        case .notApplicable: "➖ not applicable"
        case .inconclusive: "⚠️ inconclusive"
        }
    }

    static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }

    /// A code fence longer than any run of backticks in `lines`, so no line can close it.
    static func fence(for lines: [String]) -> String {
        var longest = 0
        for line in lines {
            var run = 0
            for character in line {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
