import Foundation

/// The durations of each stage over the repeated passes, and the table they print as.
struct StageTimings {
    /// A row of the table: a stage, or the whole engine end to end.
    struct Row {
        var name: String
        var samples: [Duration] = []

        var sorted: [Duration] { samples.sorted() }
        var minimum: Duration { sorted.first ?? .zero }
        var maximum: Duration { sorted.last ?? .zero }
        /// The middle sample; the lower of the two middle ones for an even count, so it is
        /// always a time that was measured.
        var median: Duration { sorted.isEmpty ? .zero : sorted[(sorted.count - 1) / 2] }
    }

    private(set) var rows: [Row] = VerdictPipeline.Stage.allCases.map { Row(name: $0.rawValue) } + [Row(name: "total")]

    mutating func add(_ durations: [VerdictPipeline.Stage: Duration], total: Duration) {
        for (index, stage) in VerdictPipeline.Stage.allCases.enumerated() {
            rows[index].samples.append(durations[stage] ?? .zero)
        }
        rows[rows.count - 1].samples.append(total)
    }

    /// The median of `stage` over the passes.
    func median(of stage: VerdictPipeline.Stage) -> Duration {
        VerdictPipeline.Stage.allCases.firstIndex(of: stage).map { rows[$0].median } ?? .zero
    }

    /// The table: min, median and max per stage, and the throughput at the median in firehose
    /// events and in published messages per second.
    func table(events: Int, messages: Int) -> String {
        let header = [pad("stage", 8), pad("min", 11, right: true), pad("median", 11, right: true), pad("max", 11, right: true),
                      pad("events/s", 14, right: true), pad("messages/s", 14, right: true)]
        var lines = [header.joined(separator: " ")]
        for row in rows {
            let seconds = Self.seconds(row.median)
            lines.append([
                pad(row.name, 8),
                pad(Self.milliseconds(row.minimum), 11, right: true),
                pad(Self.milliseconds(row.median), 11, right: true),
                pad(Self.milliseconds(row.maximum), 11, right: true),
                pad(Self.rate(events, seconds), 14, right: true),
                pad(Self.rate(messages, seconds), 14, right: true),
            ].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", seconds(duration) * 1000)
    }

    static func rate(_ count: Int, _ seconds: Double) -> String {
        seconds > 0 ? Int((Double(count) / seconds).rounded()).grouped : "-"
    }
}
