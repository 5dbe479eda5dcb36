/// One message's operations, with the questions a ``HistoryChecker`` asks of them and the
/// sentences it answers with.
struct MessageTimeline {
    var id: String
    /// In time order.
    var operations: [HistoryOperation]

    func first(_ kind: HistoryOperation.Kind) -> HistoryOperation? {
        operations.first { $0.kind == kind }
    }

    func last(_ kind: HistoryOperation.Kind) -> HistoryOperation? {
        operations.last { $0.kind == kind }
    }

    func all(_ kind: HistoryOperation.Kind) -> [HistoryOperation] {
        operations.filter { $0.kind == kind }
    }

    /// Whether any worker (or the broker's queues) had the message.
    var wasHandledByWorkers: Bool {
        operations.contains(where: \.isWorkerSide)
    }

    /// The original delivery and the flagged redeliveries, if there were any.
    var redelivery: RedeliveredMessage? {
        let deliveries = all(.delivered)
        let again = deliveries.filter(\.redelivered)
        guard !again.isEmpty else { return nil }
        let first = deliveries.first.flatMap { $0.redelivered ? nil : RedeliveredMessage.Delivery(worker: $0.worker, time: $0.time) }
        return RedeliveredMessage(id: id, firstDelivery: first, redeliveries: again.map { RedeliveredMessage.Delivery(worker: $0.worker, time: $0.time) })
    }

    /// Why an acknowledged message counts as lost, from the last thing seen of it: e.g.
    /// "m-17 was delivered to worker2 and never processed".
    func lostFinding(missing outcome: String) -> MessageFinding {
        guard let last = operations.last(where: { $0.isWorkerSide && $0.kind != .processed }) else {
            return MessageFinding(id: id, explanation: "\(id) was acknowledged by the broker and never delivered")
        }
        let requeues = all(.requeued).count
        let seen: String
        switch last.kind {
        case .requeued where requeues > 1:
            seen = "requeued \(requeues) times, last\(Self.by(last.worker)),"
        case .requeued:
            seen = "requeued\(Self.by(last.worker))"
        case .rejected:
            seen = "dead-lettered\(Self.by(last.worker))"
        default:
            seen = "\(last.redelivered ? "redelivered" : "delivered")\(last.worker.map { " to \($0)" } ?? "")"
        }
        var explanation = "\(id) was \(seen) and never \(outcome)"
        if last.kind != .requeued, requeues > 0 {
            explanation += "; it had been requeued \(requeues == 1 ? "once" : "\(requeues) times")"
        }
        return MessageFinding(id: id, explanation: explanation, lastSeen: last)
    }

    /// E.g. "m-5 was expected to be dead-lettered but was processed by worker1".
    var processedInsteadOfDeadLettered: MessageFinding {
        let processings = all(.processed)
        let workers = Array(Set(processings.compactMap(\.worker))).sorted()
        let by = workers.isEmpty ? "" : " by \(HistoryAnalysis.joinedInProse(workers))"
        return MessageFinding(id: id, explanation: "\(id) was expected to be dead-lettered but was processed\(by)", lastSeen: processings.last)
    }

    /// A message the lab did not expect, named by the furthest thing that happened to it: e.g.
    /// "x-1 was processed by worker1 although the lab never published it".
    func unexpectedFinding(because reason: String) -> MessageFinding {
        let telling = [HistoryOperation.Kind.processed, .rejected, .requeued, .delivered].lazy.compactMap { first($0) }.first
        let what: String
        switch telling?.kind {
        case .processed?: what = "processed\(Self.by(telling?.worker))"
        case .rejected?: what = "dead-lettered\(Self.by(telling?.worker))"
        case .requeued?: what = "requeued\(Self.by(telling?.worker))"
        case .delivered?: what = "delivered\(telling?.worker.map { " to \($0)" } ?? "")"
        default: what = "seen"
        }
        return MessageFinding(id: id, explanation: "\(id) was \(what) \(reason)", lastSeen: telling)
    }

    private static func by(_ worker: String?) -> String {
        worker.map { " by \($0)" } ?? ""
    }
}
