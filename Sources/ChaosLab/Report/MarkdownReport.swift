import Foundation

/// The report as Markdown, for a README, a pull request or a grader's notes.
public struct MarkdownReport: Sendable {
    public let report: RunReport

    public init(_ report: RunReport) {
        self.report = report
    }

    public var rendered: String {
        var lines = [
            "# ChaosLab report: \(report.project)",
            "",
            "\(report.passed ? "**All checks passed.**" : "**Some checks did not pass.**") "
                + "\(report.results.count) checks in \(String(format: "%.1f", report.duration.seconds)) s, started "
                + "\(report.startedAt.formatted(.iso8601)); compose file `\(report.composeFile)`"
                + (report.knobs.isEmpty ? "." : "; knobs on: \(report.knobs.joined(separator: ", "))."),
            "",
            "| property | verdict | key figures | duration |",
            "|---|---|---|---|",
        ]
        for result in report.results {
            let figures = result.figures.prefix(3).map { "\($0.label): \($0.formattedValue)" }.joined(separator: "; ")
            lines.append("| \(result.title) (`\(result.check)`) | \(Self.badge(result.verdict)) | \(Self.cell(figures)) | \(String(format: "%.1f", result.duration.seconds)) s |")
        }
        for result in report.results {
            lines += ["", "## \(result.title) — \(Self.badge(result.verdict))", "", "**Expected:** \(result.expectation)", "", "**Observed:** \(result.reason)", ""]
            if !result.faults.isEmpty {
                lines.append("**Faults injected:**")
                lines.append("")
                for event in result.faults {
                    let offset = event.at.timeIntervalSince(result.startedAt)
                    lines.append("- at +\(String(format: "%.2f", offset)) s: \(event.fault) (`\(event.fault.commandLine)`)\(event.error.map { " — failed: \($0)" } ?? "")")
                }
                lines.append("")
            }
            if !result.figures.isEmpty {
                lines += ["| figure | value |", "|---|---|"]
                lines += result.figures.map { "| \(Self.cell($0.label)) | \($0.formattedValue) |" }
                lines.append("")
            }
            for evidence in result.evidence {
                lines += ["<details><summary>\(evidence.source): \(Self.cell(evidence.title))</summary>", "", "```"]
                lines += evidence.lines.prefix(200)
                if evidence.lines.count > 200 { lines.append("… \(evidence.lines.count - 200) more lines") }
                lines += ["```", "</details>", ""]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func badge(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "✅ pass"
        case .fail: "❌ fail"
        case .notApplicable: "➖ not applicable"
        case .error: "⚠️ error"
        }
    }

    static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
