extension History {
    /// Adds every operation of `other`, except those that describe an event already here.
    ///
    /// Two sources often report the same event: `messages.log` and a worker's stdout both say
    /// that worker2 processed m-17, a few milliseconds apart. An operation of `other` is the
    /// same event as one here when kind, message id and worker agree and their times are at
    /// most `window` apart; it then counts once. Each operation here absorbs at most one of
    /// `other`'s, the nearest in time, so events that really repeat (a poison message requeued
    /// in a loop, a duplicate processing) keep their count. Operations within one history are
    /// never merged with each other, for the same reason.
    ///
    /// A redelivery flag either source saw is kept: a stdout pattern without a `redelivered`
    /// group cannot contradict a record file that has one.
    public mutating func merge(_ other: History, within window: Duration = .seconds(1)) {
        let tolerance = window.seconds
        var candidates: [EventKey: [Int]] = [:]
        for (index, operation) in operations.enumerated() {
            candidates[EventKey(operation), default: []].append(index)
        }
        var absorbed = Set<Int>()
        var matches: [(index: Int, duplicate: HistoryOperation)] = []
        var additions: [HistoryOperation] = []
        for operation in other.operations {
            let nearest = candidates[EventKey(operation), default: []]
                .filter { !absorbed.contains($0) }
                .map { (index: $0, distance: abs(operations[$0].time.timeIntervalSince(operation.time))) }
                .filter { $0.distance <= tolerance }
                .min { $0.distance < $1.distance }
            if let nearest {
                absorbed.insert(nearest.index)
                matches.append((nearest.index, operation))
            } else {
                additions.append(operation)
            }
        }
        // Corroborate before inserting: insertions would shift the indices matched above.
        for match in matches {
            corroborate(match.index, with: match.duplicate)
        }
        for operation in additions {
            record(operation)
        }
        for gap in other.gaps {
            noteGap(gap)
        }
    }

    /// One history from several sources, merged in order with ``merge(_:within:)``: where two
    /// sources report the same event, the earlier history's operation is kept.
    public static func merging(_ histories: [History], within window: Duration = .seconds(1)) -> History {
        var result = History()
        for history in histories {
            result.merge(history, within: window)
        }
        return result
    }
}

/// What makes two operations candidates for being one event.
private struct EventKey: Hashable {
    var kind: HistoryOperation.Kind
    var messageID: String
    var worker: String?

    init(_ operation: HistoryOperation) {
        kind = operation.kind
        messageID = operation.messageID
        worker = operation.worker
    }
}
