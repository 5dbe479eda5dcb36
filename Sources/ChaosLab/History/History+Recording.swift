public import Foundation

// MARK: - The lab's own operations

extension History {
    /// Records that the lab sent message `id`.
    public mutating func recordPublishAttempted(_ id: String, at time: Date = Date(), detail: String = "") {
        record(HistoryOperation(.publishAttempted, messageID: id, time: time, source: .lab, detail: detail))
    }

    /// Records that the API or the broker confirmed message `id`: from now on it must not be lost.
    public mutating func recordPublishAcknowledged(_ id: String, at time: Date = Date(), detail: String = "") {
        record(HistoryOperation(.publishAcknowledged, messageID: id, time: time, source: .lab, detail: detail))
    }

    /// Records that the API said message `id` was not taken, and why.
    ///
    /// Record this only for an answer that says so (an error status); a request whose answer
    /// never came stays merely attempted, because the message may or may not have been taken.
    public mutating func recordPublishFailed(_ id: String, reason: String, at time: Date = Date()) {
        record(HistoryOperation(.publishFailed, messageID: id, time: time, source: .lab, detail: reason))
    }
}

// MARK: - What the workers and the broker did

extension History {
    /// Records that `worker` received message `id`.
    public mutating func recordDelivered(
        _ id: String, to worker: String?, redelivered: Bool = false, at time: Date, source: HistoryOperation.Source, detail: String = ""
    ) {
        record(HistoryOperation(.delivered, messageID: id, worker: worker, time: time, source: source, redelivered: redelivered, detail: detail))
    }

    /// Records that `worker` finished message `id` and acknowledged it.
    public mutating func recordProcessed(
        _ id: String, by worker: String?, redelivered: Bool = false, at time: Date, source: HistoryOperation.Source, detail: String = ""
    ) {
        record(HistoryOperation(.processed, messageID: id, worker: worker, time: time, source: source, redelivered: redelivered, detail: detail))
    }

    /// Records that message `id` was rejected without requeue (dead-lettered), by `worker` or
    /// found in the dead-letter queue by the broker (`worker` `nil`).
    public mutating func recordRejected(
        _ id: String, by worker: String?, redelivered: Bool = false, at time: Date, source: HistoryOperation.Source, detail: String = ""
    ) {
        record(HistoryOperation(.rejected, messageID: id, worker: worker, time: time, source: source, redelivered: redelivered, detail: detail))
    }

    /// Records that `worker` put message `id` back onto the queue.
    public mutating func recordRequeued(
        _ id: String, by worker: String?, redelivered: Bool = false, at time: Date, source: HistoryOperation.Source, detail: String = ""
    ) {
        record(HistoryOperation(.requeued, messageID: id, worker: worker, time: time, source: source, redelivered: redelivered, detail: detail))
    }
}
