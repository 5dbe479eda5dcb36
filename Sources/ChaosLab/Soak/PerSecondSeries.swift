public import Foundation

/// How many publishes ended each second of a soak's load, by outcome: the series the report
/// draws and recovery times are read from. Second `i` covers `[start + i s, start + i + 1 s)`,
/// and a publish counts in the second its answer came (or the lab stopped waiting for one).
///
/// One entry per second of the run, whatever the rate: a day's run is a few hundred KiB.
public struct PerSecondSeries: Sendable, Codable, Hashable {
    /// When second 0 began: the start of the load.
    public var start: Date
    public private(set) var acknowledged: [Int]
    public private(set) var refused: [Int]
    public private(set) var indeterminate: [Int]

    public init(start: Date) {
        self.start = start
        acknowledged = []
        refused = []
        indeterminate = []
    }

    /// The number of seconds the series covers.
    public var count: Int { acknowledged.count }

    /// Counts one publish that ended in `second` (from the start; negative counts as 0).
    public mutating func add(_ outcome: PublishOutcome, second: Int) {
        add(outcome, count: 1, second: second)
    }

    /// Counts `count` publishes that ended in `second`.
    public mutating func add(_ outcome: PublishOutcome, count: Int, second: Int) {
        let second = max(0, second)
        extend(through: second)
        switch outcome {
        case .acknowledged: acknowledged[second] += count
        case .refused: refused[second] += count
        case .indeterminate: indeterminate[second] += count
        }
    }

    /// Makes the series cover seconds `0...second`, with zeros where nothing ended: a second
    /// with no answer at all is part of the picture.
    public mutating func extend(through second: Int) {
        guard second >= count else { return }
        let missing = second + 1 - count
        acknowledged += repeatElement(0, count: missing)
        refused += repeatElement(0, count: missing)
        indeterminate += repeatElement(0, count: missing)
    }

    /// The counts of one second; zeros past the end.
    public subscript(second: Int) -> (acknowledged: Int, refused: Int, indeterminate: Int) {
        guard second >= 0, second < count else { return (0, 0, 0) }
        return (acknowledged[second], refused[second], indeterminate[second])
    }

    /// Refused and indeterminate publishes of each second.
    public var errors: [Int] {
        zip(refused, indeterminate).map { $0 + $1 }
    }
}
