@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak report")
struct SoakReportTests {
    typealias Fixture = SoakAccountingTests

    /// A judged soak that lost one message under a worker kill.
    static var lostRun: RunReport {
        let outcome = SoakCheckVerdictTests().judge(
            [Fixture.attempt("soak-1", at: 1), Fixture.attempt("soak-2", at: 3.9)],
            [Fixture.delivery("soak-1", "worker2", at: 1.1), Fixture.delivery("soak-2", "worker1", at: 3.95, .autoAcked)],
            workerOutput: [Fixture.delivery("soak-1", "worker2", at: 1.1)]
        )
        let check = SoakCheck()
        let result = CheckResult(
            check: check.name, title: check.title, verdict: outcome.verdict, reason: outcome.reason, expectation: check.expectation,
            figures: outcome.figures, evidence: outcome.evidence, soak: outcome.soak, startedAt: Fixture.origin, duration: .seconds(12)
        )
        return RunReport(project: "chaoslab", composeFile: "compose/docker-compose.yml", knobs: ["auto-ack"], startedAt: Fixture.origin, duration: .seconds(30), results: [result])
    }

    @Test("a soak's report has its chart, checker table, schedule and lost stories, and schedule.json replays it")
    func writesSoak() async throws {
        try await withTemporaryDirectory { path in
            let directory = URL(fileURLWithPath: path)
            let report = Self.lostRun
            let written = try ReportWriter(directory: directory).write(report)
            #expect(written.map(\.lastPathComponent) == ["report.json", "index.html", "report.md", "junit.xml", "schedule.json"])
            let schedule = try SoakSchedule.decode(
                Data(contentsOf: directory.appending(path: "schedule.json")), file: "schedule.json",
                services: ["rabbitmq", "worker1", "worker2"], broker: "rabbitmq"
            )
            #expect(schedule == report.results[0].soak?.schedule)
            let html = try String(contentsOf: directory.appending(path: "index.html"), encoding: .utf8)
            #expect(html.components(separatedBy: #"class="fault-window""#).count - 1 == 1)
            #expect(html.contains("<td>Lost (acknowledged, never processed)</td><td class=\"number\">1</td>"))
            #expect(html.contains("<h3>Lost messages (1)</h3>"))
            #expect(html.contains("<td><b>F1</b></td><td>SIGKILL worker1 from +4.0 s to +9.0 s</td>"))
            #expect(!html.contains("there is no timeline"))
            let markdown = try String(contentsOf: directory.appending(path: "report.md"), encoding: .utf8)
            #expect(markdown.contains("| Lost (acknowledged, never processed) | 1 |"))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let text = try decoder.singleValueContainer().decode(String.self)
                return try Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
            }
            let back = try decoder.decode(RunReport.self, from: Data(contentsOf: directory.appending(path: "report.json")))
            #expect(back.results[0].soak?.counts == report.results[0].soak?.counts)
            #expect(back.results[0].soak?.lost == report.results[0].soak?.lost)
        }
    }
}
