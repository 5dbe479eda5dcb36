@testable import ChaosLab
import Foundation
import Testing

@Suite("Report folder")
struct ReportWriterTests {
    @Test("a run leaves index.html, report.md, junit.xml, report.json and the logs")
    func writesEveryFile() async throws {
        try await withTemporaryDirectory { path in
            let directory = URL(fileURLWithPath: path).appending(path: "reports/run")
            let written = try ReportWriter(directory: directory).write(ReportFixtures.mixed, logs: ["worker1": "hello\n", "api": "up\n"])
            let names = written.map { $0.path.replacing(directory.path + "/", with: "") }
            #expect(names == ["report.json", "index.html", "report.md", "junit.xml", "logs/api.log", "logs/worker1.log"])
            for file in written {
                #expect(FileManager.default.fileExists(atPath: file.path))
            }
            let html = try String(contentsOf: directory.appending(path: "index.html"), encoding: .utf8)
            #expect(html == HTMLReport(ReportFixtures.mixed).rendered)
            let xml = try String(contentsOf: directory.appending(path: "junit.xml"), encoding: .utf8)
            #expect(XMLCheck.problem(xml) == nil)
        }
    }

    @Test("a run on a student's stack also leaves roles.txt, and the pages point at it")
    func writesRoles() async throws {
        try await withTemporaryDirectory { path in
            let directory = URL(fileURLWithPath: path)
            var report = ReportFixtures.mixed
            report.roles = "Roles of parcial-2/docker-compose.yml\n\nbroker\n  service  rabbitmq"
            report.rolesSummary = "0 declared, 8 guessed, 6 default; 8 checks apply fully"
            let written = try ReportWriter(directory: directory).write(report)
            #expect(written.map(\.lastPathComponent) == ["report.json", "index.html", "report.md", "junit.xml", "roles.txt"])
            let roles = try String(contentsOf: directory.appending(path: "roles.txt"), encoding: .utf8)
            #expect(roles == report.roles! + "\n")
            let markdown = try String(contentsOf: directory.appending(path: "report.md"), encoding: .utf8)
            #expect(markdown.contains("Roles: 0 declared, 8 guessed, 6 default; 8 checks apply fully ([roles.txt](roles.txt)"))
            let html = try String(contentsOf: directory.appending(path: "index.html"), encoding: .utf8)
            #expect(html.contains(#"<dt>Roles</dt><dd>0 declared, 8 guessed, 6 default; 8 checks apply fully (<a href="roles.txt">roles.txt</a>)</dd>"#))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appending(path: "report.json"))) as? [String: Any])
            #expect(object["rolesSummary"] as? String == report.rolesSummary)
        }
    }

    @Test("report.json reads back as the same run")
    func jsonRoundTrip() async throws {
        try await withTemporaryDirectory { path in
            let directory = URL(fileURLWithPath: path)
            try ReportWriter(directory: directory).write(ReportFixtures.sample)
            let data = try Data(contentsOf: directory.appending(path: "report.json"))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601WithFractions
            let report = try decoder.decode(RunReport.self, from: data)
            #expect(report.results.map(\.check) == ReportFixtures.sample.results.map(\.check))
            #expect(report.results[2].messages.map(\.redelivered) == [false, true])
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(Set(object.keys) == ["schemaVersion", "project", "composeFile", "knobs", "startedAt", "duration", "results"])
            #expect(object["startedAt"] as? String == "2026-03-02T09:30:00.000Z")
            // Durations are plain seconds, faults' stop timeouts too, and they read back.
            #expect(object["schemaVersion"] as? Int == 3)
            #expect((object["duration"] as? Double).map { abs($0 - ReportFixtures.sample.duration.seconds) < 0.001 } == true)
            #expect(abs(report.duration.seconds - ReportFixtures.sample.duration.seconds) < 1e-6)
            let faults = report.results.flatMap(\.faults)
            let expectedFaults = ReportFixtures.sample.results.flatMap(\.faults)
            #expect(faults.map(\.fault.description) == expectedFaults.map(\.fault.description))
            #expect(zip(faults, expectedFaults).allSatisfy { abs($0.took.seconds - $1.took.seconds) < 1e-6 })
        }
    }

    /// Leaves a realistic report where a person can open it: `$CHAOSLAB_SAMPLE_REPORT_DIR`, or
    /// `chaoslab-sample-report` in the temporary directory. Each run overwrites it.
    @Test("a sample report is written for people to look at")
    func sample() throws {
        let path = ProcessInfo.processInfo.environment["CHAOSLAB_SAMPLE_REPORT_DIR"]
            ?? FileManager.default.temporaryDirectory.appending(path: "chaoslab-sample-report").path
        let directory = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: directory)
        let logs = [
            "worker1": "2026-03-02T09:30:00.512Z worker1 | consuming chaoslab.work with prefetch 1\n",
            "worker2": "2026-03-02T09:30:00.498Z worker2 | consuming chaoslab.work with prefetch 1\n",
        ]
        let written = try ReportWriter(directory: directory).write(ReportFixtures.sample, logs: logs)
        #expect(written.count == 6)
        #expect(FileManager.default.fileExists(atPath: directory.appending(path: "index.html").path))
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// ISO 8601 with milliseconds, as ``ReportWriter`` writes dates.
    static var iso8601WithFractions: Self {
        .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        }
    }
}
