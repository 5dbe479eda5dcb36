import ChaosLab
import Foundation

/// Prints which check runs and what it concluded, as it happens.
enum ProgressPrinter {
    static func started(_ check: any ReliabilityCheck) {
        emit("▶ \(check.name): \(check.title)")
    }

    static func finished(_ result: CheckResult) {
        emit("\(mark(result.verdict)) \(result.check): \(result.verdict.rawValue) in \(String(format: "%.1f", result.duration.seconds)) s — \(result.reason)")
        for event in result.faults {
            emit("    fault at +\(String(format: "%.2f", event.at.timeIntervalSince(result.startedAt))) s: \(event.fault)")
        }
    }

    /// A verdict as one mark: ✔ pass, ✘ fail, – not applicable, ? inconclusive, · never ran.
    static func mark(_ verdict: Verdict?) -> String {
        switch verdict {
        case .pass?: "✔"
        case .fail?: "✘"
        case .notApplicable?: "–"
        case .inconclusive?: "?"
        case nil: "·"
        }
    }

    /// Writes one line to stdout unbuffered, so progress shows while the check runs.
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
