@testable import ChaosLab
import Foundation

/// Times and operations for history tests, on a fixed clock so expected texts are exact.
enum HistoryFixtures {
    /// Foundation has an `HistoryOperation` too; these tests mean the history's.

    /// 2026-01-01T00:00:00Z.
    static let origin = Date(timeIntervalSince1970: 1_767_225_600)

    /// `seconds` after ``origin``.
    static func at(_ seconds: Double) -> Date {
        origin.addingTimeInterval(seconds)
    }

    static func acknowledged(_ id: String, _ seconds: Double) -> [HistoryOperation] {
        [
            HistoryOperation(.publishAttempted, messageID: id, time: at(seconds - 0.01), source: .lab),
            HistoryOperation(.publishAcknowledged, messageID: id, time: at(seconds), source: .lab),
        ]
    }

    static func delivered(_ id: String, _ worker: String, _ seconds: Double, redelivered: Bool = false, source: HistoryOperation.Source = .workerLog) -> HistoryOperation {
        HistoryOperation(.delivered, messageID: id, worker: worker, time: at(seconds), source: source, redelivered: redelivered)
    }

    static func processed(_ id: String, _ worker: String, _ seconds: Double, source: HistoryOperation.Source = .workerLog) -> HistoryOperation {
        HistoryOperation(.processed, messageID: id, worker: worker, time: at(seconds), source: source)
    }

    static func rejected(_ id: String, _ worker: String, _ seconds: Double) -> HistoryOperation {
        HistoryOperation(.rejected, messageID: id, worker: worker, time: at(seconds), source: .workerLog)
    }

    static func requeued(_ id: String, _ worker: String, _ seconds: Double) -> HistoryOperation {
        HistoryOperation(.requeued, messageID: id, worker: worker, time: at(seconds), source: .workerLog)
    }

    /// A message acknowledged at `seconds`, delivered to `worker` 0.1 s later and processed 0.2 s after that.
    static func handled(_ id: String, by worker: String, _ seconds: Double) -> [HistoryOperation] {
        acknowledged(id, seconds) + [delivered(id, worker, seconds + 0.1), processed(id, worker, seconds + 0.3)]
    }

    /// Ten messages m-0 … m-9 alternating between worker1 and worker2, all processed once.
    static var cleanRun: History {
        History((0..<10).flatMap { handled("m-\($0)", by: $0.isMultiple(of: 2) ? "worker1" : "worker2", Double($0)) })
    }
}
