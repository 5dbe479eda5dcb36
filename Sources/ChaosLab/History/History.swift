import Foundation

/// What happened in a run, message by message: an append-only list of ``HistoryOperation``s kept in
/// time order, gathered from the lab's own actions and from every source that observed the
/// stack (worker record files, worker stdout, the broker).
///
/// Nothing is ever removed or edited: a history is evidence. Operations with equal times keep
/// the order they were recorded in, so a delivery recorded before its outcome stays before it.
public struct History: Sendable, Codable, Hashable {
    private var log = OperationLog()
    /// What the sources could not say, in full sentences: torn record lines, lines without a
    /// timestamp. A check reports these so a verdict is never read as stronger than its evidence.
    public private(set) var gaps: [String]

    /// Every operation, ordered by time; ties keep recording order.
    public var operations: [HistoryOperation] {
        log.operations
    }

    /// An empty history.
    public init() {
        gaps = []
    }

    /// A history of `operations`, in any order; they are sorted by time, ties in sequence order.
    public init(_ operations: some Sequence<HistoryOperation>, gaps: [String] = []) {
        self.gaps = gaps
        for operation in operations {
            record(operation)
        }
    }

    enum CodingKeys: String, CodingKey {
        case operations, gaps
    }

    /// Decodes and restores time order, so a hand-edited or concatenated file still reads right.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode([HistoryOperation].self, forKey: .operations),
            gaps: try container.decodeIfPresent([String].self, forKey: .gaps) ?? []
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(operations, forKey: .operations)
        try container.encode(gaps, forKey: .gaps)
    }

    public static func == (left: History, right: History) -> Bool {
        left.operations == right.operations && left.gaps == right.gaps
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(operations)
        hasher.combine(gaps)
    }

    /// Adds `operation` at its place in time, after every operation at the same time.
    ///
    /// Amortised constant time, also for an operation older than the latest: sources are read
    /// one after another, each in its own order, so a long run records many late operations.
    public mutating func record(_ operation: HistoryOperation) {
        log.record(operation)
    }

    /// Folds `duplicate`, the same event as reported by a second source, into the operation at
    /// `index`: a redelivery flag either source saw is kept, and so is a detail only it had.
    mutating func corroborate(_ index: Int, with duplicate: HistoryOperation) {
        log.modify(index) { operation in
            operation.redelivered = operation.redelivered || duplicate.redelivered
            if operation.detail.isEmpty {
                operation.detail = duplicate.detail
            }
        }
    }

    /// Notes something a source could not say, in one full sentence.
    public mutating func noteGap(_ sentence: String) {
        gaps.append(sentence)
    }

    /// Every operation on message `id`, in time order.
    public func timeline(for id: String) -> [HistoryOperation] {
        operations.filter { $0.messageID == id }
    }

    /// Every operation `worker` took part in, in time order.
    public func operations(of worker: String) -> [HistoryOperation] {
        operations.filter { $0.worker == worker }
    }

    /// The operations grouped by message id, each in time order.
    public var timelines: [String: [HistoryOperation]] {
        Dictionary(grouping: operations, by: \.messageID)
    }

    /// Every message id mentioned, sorted.
    public var messageIDs: [String] {
        Set(operations.map(\.messageID)).sorted()
    }

    /// Every worker mentioned, sorted.
    public var workers: [String] {
        Set(operations.compactMap(\.worker)).sorted()
    }

    /// The part of this history about the messages `isIncluded` accepts, e.g. one run's tokens
    /// when the queue still holds messages of an earlier run. Gaps are kept: they may concern
    /// any message.
    public func filteringMessages(_ isIncluded: (String) -> Bool) -> History {
        History(operations.filter { isIncluded($0.messageID) }, gaps: gaps)
    }
}
