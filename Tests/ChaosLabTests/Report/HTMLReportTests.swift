@testable import ChaosLab
import Foundation
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    let html = HTMLReport(ReportFixtures.mixed).rendered

    @Test("one self-contained page: inline style, no scripts, nothing fetched")
    func selfContained() {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.occurrences(of: "<style>") == 1)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("src="))
        let addresses = html.ranges(of: "http").map { String(html[$0.lowerBound...].prefix(34)) }
        #expect(addresses.allSatisfy { $0.hasPrefix("http://www.w3.org/2000/svg") })
    }

    @Test("reasons, ids, evidence and names from the stack are escaped")
    func escaping() {
        let report = ReportFixtures.report([ReportFixtures.failing], project: "<script>p</script>", knobs: ["<i>k</i>"])
        let html = HTMLReport(report).rendered
        #expect(!html.contains("<script>"))
        #expect(!html.contains("Deliveries <b>") && !html.contains("<i>k</i>"))
        #expect(html.contains("Deliveries &lt;b&gt;") && html.contains("<code>&lt;i&gt;k&lt;/i&gt;</code>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; was delivered to worker1 &amp; never processed"))
        #expect(html.contains("m-1 → worker1 &lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("escape \u{FFFD}[32mgreen"))
        #expect(html.contains("ChaosLab report: &lt;script&gt;p&lt;/script&gt;"))
    }

    @Test("a stack that did not start: its checks read 'not run', never 'inconclusive', in the page and the markdown")
    func didNotStart() {
        var report = ReportFixtures.report([ReportFixtures.result("round-robin", .inconclusive), ReportFixtures.result("redelivery", .inconclusive)])
        report.startFailure = "An image does not build: COPY failed: stat worker.py: file does not exist"
        let html = HTMLReport(report).rendered
        #expect(html.contains("The stack did not start, so no check could run."))
        #expect(html.contains(#"<span class="badge not-applicable">2 not run</span>"#))
        #expect(html.contains("<strong>Why it did not run:</strong>"))
        #expect(!html.contains("inconclusive</span>"))
        let markdown = MarkdownReport(report).rendered
        #expect(markdown.contains("| · not run |"))
        #expect(!markdown.contains("inconclusive"))
    }

    @Test("advice sits in its own box beside the verdict, not among the evidence")
    func advice() {
        let result = ReportFixtures.result("api-contract", .pass, evidence: [
            Evidence.advice(source: "api", ["GET /health with the broker down (direct): advised 503, got <200>"]),
            Evidence(source: "api", title: "Each request and its answer", lines: ["ok   [direct] GET /health"]),
        ])
        let html = HTMLReport(ReportFixtures.report([result])).rendered
        #expect(html.contains(#"<div class="advice"><p><strong>Advice</strong>"#))
        #expect(html.contains("<li>GET /health with the broker down (direct): advised 503, got &lt;200&gt;</li>"))
        #expect(!html.contains(#"<span class="source">api</span> Advice"#))
        #expect(html.contains(#"<span class="source">api</span> Each request and its answer"#))
        let advice = html.range(of: #"<div class="advice">"#)?.lowerBound
        let evidence = html.range(of: "<h3>Evidence</h3>")?.lowerBound
        #expect(advice != nil && evidence != nil && advice! < evidence!)
        #expect(!HTMLReport(ReportFixtures.report([ReportFixtures.result("c", .pass)])).rendered.contains(#"<div class="advice">"#))
    }

    @Test("the header gives the run and its overall verdict")
    func header() {
        #expect(html.contains(#"<p class="overall fail">2 of 4 checks did not pass.</p>"#))
        #expect(html.contains("<code>compose/docker-compose.yml</code>"))
        #expect(html.contains("none (a normal run)"))
        #expect(html.contains("2026-03-02T09:30:00Z"))
        #expect(html.contains("<dt>Duration</dt><dd>60.0 s</dd>"))
        let passing = HTMLReport(ReportFixtures.report([ReportFixtures.result("a", .pass), ReportFixtures.result("b", .notApplicable)])).rendered
        #expect(passing.contains(#"<p class="overall pass">All 2 checks passed or did not apply.</p>"#))
    }

    @Test("the summary has a row per check, linked to its section, with its key figures")
    func summary() throws {
        let table = try #require(html.firstRange(of: "<tbody>").flatMap { start in html.firstRange(of: "</tbody>").map { html[start.upperBound..<$0.lowerBound] } })
        #expect(table.occurrences(of: "<tr>") == 4)
        for anchor in ["check-1", "check-2", "check-3", "check-4"] {
            #expect(table.contains(##"href="#\##(anchor)""##))
            #expect(html.contains(#"id="\#(anchor)""#))
        }
        #expect(table.contains(#"<span class="badge fail">✗ fail</span>"#))
        #expect(table.contains(#"<span class="badge not-applicable">– not applicable</span>"#))
        #expect(table.contains("lost messages: <b>1</b></li><li>deliveries of the task: <b>3</b>"))
    }

    @Test("each check's section has its reason, expectation, faults, figures and evidence")
    func sections() {
        #expect(html.occurrences(of: #"<section class="check "#) == 4)
        #expect(html.contains("<strong>Why it failed:</strong>"))
        #expect(html.contains("<strong>Why the lab could not conclude:</strong>"))
        #expect(html.contains("<strong>Expected:</strong> It should hold."))
        #expect(html.contains("<li><b>F1</b> at <b>+2.00 s</b>: kill worker1 with SIGKILL"))
        #expect(html.contains("<code>docker kill -s KILL &lt;worker1 container&gt;</code>"))
        #expect(html.contains("The injection failed: container &lt;gone&gt;"))
        #expect(html.contains("<td><code>messages.lost</code></td>"))
        #expect(html.contains(#"<details class="evidence" open>"#))
    }

    @Test("a check without messages says so instead of drawing a timeline")
    func noMessages() {
        #expect(XMLCheck.svgFragments(in: html).count == 2)
        #expect(html.occurrences(of: "This check followed no messages, so there is no timeline.") == 2)
        #expect(html.occurrences(of: #"<ul class="legend">"#) == 2)
    }

    @Test("every timeline in the page is well-formed SVG with its own ids")
    func timelinesParse() throws {
        let fragments = XMLCheck.svgFragments(in: HTMLReport(ReportFixtures.sample).rendered)
        #expect(fragments.count == 4)
        for fragment in fragments {
            #expect(XMLCheck.problem(fragment) == nil)
        }
        #expect(fragments.last?.contains(#"id="check-4-timeline-unfinished""#) == true)
        #expect(fragments.last?.contains("F6 start worker2") == true)
    }

    @Test("long evidence starts collapsed and is cut in the page")
    func longEvidence() {
        let lines = (0..<2_500).map { "line \($0)" }
        let result = ReportFixtures.result("c", .pass, evidence: [Evidence(source: "broker", title: "samples", lines: lines)])
        let html = HTMLReport(ReportFixtures.report([result])).rendered
        #expect(html.contains(#"<details class="evidence"><summary>"#))
        #expect(html.contains("line 1999\n") || html.contains("line 1999</pre>"))
        #expect(!html.contains("line 2000"))
        #expect(html.contains("… 500 more lines in report.json."))
    }

    @Test("a run without checks still renders")
    func noChecks() {
        let html = HTMLReport(ReportFixtures.report([])).rendered
        #expect(html.contains("No checks ran."))
        #expect(html.hasSuffix("</html>\n"))
    }
}
