public import Foundation

/// Writes a run's report folder: `index.html`, `report.md`, `junit.xml`, `report.json`,
/// `roles.txt` for a stack the lab did not write, and `logs/<service>.log` (layout and schema
/// in docs/report-format.md).
public struct ReportWriter: Sendable {
    /// The folder written to.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// `reports/<UTC timestamp>` under `base`.
    public static func timestamped(under base: URL, at date: Date = Date()) -> ReportWriter {
        let stamp = date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.omitted))
        return ReportWriter(directory: base.appending(path: stamp.replacing(":", with: "")))
    }

    /// Writes the report and the logs; returns the files written.
    @discardableResult
    public func write(_ report: RunReport, logs: [String: String] = [:]) throws -> [URL] {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = ReportJSON.encoder()
        var written: [URL] = []
        let json = directory.appending(path: "report.json")
        try encoder.encode(report).write(to: json)
        written.append(json)
        var renderings = [
            ("index.html", HTMLReport(report).rendered),
            ("report.md", MarkdownReport(report).rendered),
            ("junit.xml", JUnitReport(report).rendered),
        ]
        if let roles = report.roles {
            renderings.append(("roles.txt", roles.hasSuffix("\n") ? roles : roles + "\n"))
        }
        for (name, text) in renderings {
            let file = directory.appending(path: name)
            try Data(text.utf8).write(to: file)
            written.append(file)
        }
        // A soak's schedule as played, in the form `chaoslab soak --schedule` reads back.
        if let schedule = report.results.lazy.compactMap(\.soak).first?.schedule {
            let file = directory.appending(path: "schedule.json")
            try schedule.jsonData().write(to: file)
            written.append(file)
        }
        if !logs.isEmpty {
            let logDirectory = directory.appending(path: "logs")
            try manager.createDirectory(at: logDirectory, withIntermediateDirectories: true)
            for (service, text) in logs.sorted(by: { $0.key < $1.key }) {
                let file = logDirectory.appending(path: "\(service).log")
                try Data(text.utf8).write(to: file)
                written.append(file)
            }
        }
        return written
    }
}
