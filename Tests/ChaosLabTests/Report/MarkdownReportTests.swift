@testable import ChaosLab
import Testing

@Suite("Markdown report")
struct MarkdownReportTests {
    let markdown = MarkdownReport(ReportFixtures.mixed).rendered

    @Test("like the HTML page: the run, a summary table with the same key figures, then each check")
    func layout() throws {
        #expect(markdown.hasPrefix("# ChaosLab report: chaoslab\n\n**2 of 4 checks did not pass.**"))
        let table = try #require(markdown.firstRange(of: "| property | verdict | key figures | duration |"))
        let sections = ["## Title of round-robin", "## Title of redelivery", "## Title of prefetch-fairness", "## Title of dead-letter"]
            .compactMap { markdown.firstRange(of: $0)?.lowerBound }
        #expect(sections.count == 4 && sections == sections.sorted() && table.lowerBound < sections[0])
        #expect(markdown.contains("| Title of redelivery (`redelivery`) | ❌ fail | lost messages: 1; deliveries of the task: 3 | 10.0 s |"))
        #expect(markdown.contains("**Why it failed:** 1 message lost"))
        #expect(markdown.contains("- F2 at +6.00 s: start worker1 (`docker start <worker1 container>`) — failed: container <gone>"))
        #expect(markdown.contains("The timeline of its 5 messages is in `index.html`."))
    }

    @Test("advice is a list under the expectation, not an evidence block")
    func advice() {
        let result = ReportFixtures.result("c", .pass, evidence: [Evidence.advice(source: "api", ["POST oversized body (1024 KiB) (direct): advised 4xx, got 200"])])
        let markdown = MarkdownReport(ReportFixtures.report([result])).rendered
        #expect(markdown.contains("**Expected:** It should hold.\n\n**Advice** (good practice the stack does not follow; it does not change the verdict):\n\n- POST oversized body (1024 KiB) (direct): advised 4xx, got 200\n"))
        #expect(!markdown.contains("<summary>api: Advice</summary>"))
    }

    @Test("evidence sits in a fence no line can close, under an escaped summary")
    func evidence() {
        let result = ReportFixtures.result("c", .pass, evidence: [Evidence(source: "api", title: "</summary>", lines: ["```", "a ````` b"])])
        let markdown = MarkdownReport(ReportFixtures.report([result])).rendered
        #expect(markdown.contains("<details><summary>api: &lt;/summary&gt;</summary>\n\n``````\n```\na ````` b\n``````\n</details>"))
    }
}
