extension History {
    /// Each delivery as a bar for a report's timeline: from a worker receiving a message to
    /// that worker's outcome for it (`acked`, `rejected`, `requeued`), or `unfinished` when
    /// the worker never said (killed, cut off, or its delivery superseded by a new one).
    ///
    /// An outcome without a delivery before it (a source that only logs completions) becomes a
    /// bar of zero length at the outcome. Bars are ordered by start time.
    public var traces: [MessageTrace] {
        var traces: [MessageTrace] = []
        var open: [OpenDelivery: HistoryOperation] = [:]
        func close(_ key: OpenDelivery, at end: HistoryOperation?, outcome: DeliveryOutcome) {
            guard let start = open.removeValue(forKey: key) else { return }
            traces.append(MessageTrace(id: start.messageID, worker: start.worker ?? "unknown", start: start.time, end: end?.time, redelivered: start.redelivered, outcome: outcome))
        }
        for operation in operations where operation.isWorkerSide {
            let key = OpenDelivery(messageID: operation.messageID, worker: operation.worker)
            let outcome: DeliveryOutcome
            switch operation.kind {
            case .delivered:
                close(key, at: nil, outcome: .unfinished)
                open[key] = operation
                continue
            case .processed: outcome = .acked
            case .rejected: outcome = .rejected
            case .requeued: outcome = .requeued
            case .publishAttempted, .publishAcknowledged, .publishFailed: continue
            }
            if open[key] == nil {
                open[key] = operation
            }
            close(key, at: operation, outcome: outcome)
        }
        for key in Array(open.keys) {
            close(key, at: nil, outcome: .unfinished)
        }
        return traces.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }
}

/// A message in a worker's hands, waiting for its outcome.
private struct OpenDelivery: Hashable {
    var messageID: String
    var worker: String?
}
