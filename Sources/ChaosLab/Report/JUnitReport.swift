import Foundation

/// The report as JUnit XML (`junit.xml`), for CI systems that show test results: one
/// `<testsuite name="chaoslab">`, one `<testcase>` per check.
///
/// A failed check is a `<failure>`, a check that could not conclude an `<error>`, a check the
/// stack does not claim `<skipped>`; the reason is the message and the figures are the body.
/// Every testcase's `<system-out>` holds the expectation, the reason and the faults injected.
/// Text is escaped, and characters XML 1.0 cannot carry are left out.
public struct JUnitReport: Sendable {
    /// The run to render.
    public let report: RunReport

    public init(_ report: RunReport) {
        self.report = report
    }

    /// The XML document.
    public var rendered: String {
        let count = { (verdict: Verdict) in report.results.filter { $0.verdict == verdict }.count }
        var xml = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuite name="chaoslab" tests="\#(report.results.count)" failures="\#(count(.fail))" errors="\#(count(.inconclusive))" skipped="\#(count(.notApplicable))" time="\#(Self.time(report.duration))" timestamp="\#(report.startedAt.formatted(.iso8601))">"#,
            "  <properties>",
            #"    <property name="project" value="\#(Self.attribute(report.project))"/>"#,
            #"    <property name="composeFile" value="\#(Self.attribute(report.composeFile))"/>"#,
            #"    <property name="knobs" value="\#(Self.attribute(report.knobs.joined(separator: ",")))"/>"#,
            #"    <property name="schemaVersion" value="\#(report.schemaVersion)"/>"#,
            "  </properties>",
        ]
        for result in report.results {
            xml += testcase(result)
        }
        xml.append("</testsuite>")
        return xml.joined(separator: "\n") + "\n"
    }

    func testcase(_ result: CheckResult) -> [String] {
        var xml = [#"  <testcase classname="\#(Self.attribute("chaoslab.\(report.project)"))" name="\#(Self.attribute(result.check))" time="\#(Self.time(result.duration))">"#]
        let figures = Self.text(result.figures.map(\.description).joined(separator: "\n"))
        switch result.verdict {
        case .pass:
            break
        case .fail:
            xml.append(#"    <failure message="\#(Self.attribute(result.reason))" type="fail">\#(figures)</failure>"#)
        case .inconclusive:
            xml.append(#"    <error message="\#(Self.attribute(result.reason))" type="inconclusive">\#(figures)</error>"#)
        case .notApplicable:
            xml.append(#"    <skipped message="\#(Self.attribute(result.reason))"/>"#)
        }
        var out = ["\(result.title): \(result.verdict.rawValue)", "Expected: \(result.expectation)", "Observed: \(result.reason)"]
        for (index, event) in result.faults.enumerated() {
            out.append("Fault \(TimelineSVG.faultTag(index)) at \(String(format: "%+.2f", result.offset(of: event.at))) s: \(event.fault) (\(event.fault.commandLine))\(event.error.map { "; failed: \($0)" } ?? "")")
        }
        xml.append("    <system-out>\(Self.text(out.joined(separator: "\n")))</system-out>")
        xml.append("  </testcase>")
        return xml
    }

    /// Seconds to the millisecond, as JUnit readers expect.
    static func time(_ duration: Duration) -> String {
        String(format: "%.3f", duration.seconds)
    }

    static func text(_ text: String) -> String {
        HTMLEscaping.text(text, controlCharacters: .stripped)
    }

    static func attribute(_ text: String) -> String {
        HTMLEscaping.attribute(text, controlCharacters: .stripped)
    }
}
