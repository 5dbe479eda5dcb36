public import Foundation

/// One event in a run's history: something the lab did, or something it observed a worker or
/// the broker do with one message.
///
/// Operations are plain data so a report can print them and a person can replay the run in
/// their head: which message, which worker, when, and who said so.
public struct HistoryOperation: Sendable, Codable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// The lab sent the message to the API (or straight to the broker).
        case publishAttempted
        /// The API (or the broker's publisher confirm) said the message was taken.
        case publishAcknowledged
        /// The API said the message was not taken; ``HistoryOperation/detail`` holds the reason.
        case publishFailed
        /// A worker received the message; ``HistoryOperation/redelivered`` carries the broker's flag.
        case delivered
        /// A worker finished the message and acknowledged it.
        case processed
        /// A worker rejected the message without requeue, or it was found dead-lettered.
        case rejected
        /// A worker rejected or nacked the message back onto the queue.
        case requeued
    }

    /// Who reported the operation.
    public enum Source: String, Sendable, Codable, Hashable, CaseIterable {
        /// The lab itself: what it published and what the API answered.
        case lab
        /// A JSON-lines record file the workers write (the reference fixtures' `messages.log`).
        case workerLog = "worker-log"
        /// A worker's standard output, read through a line pattern.
        case workerStdout = "worker-stdout"
        /// The broker: a message found in a queue, per-message state it reports.
        case broker
    }

    /// What happened.
    public var kind: Kind
    /// The message's id: the lab's token, unique per run.
    public var messageID: String
    /// The worker involved, `nil` for the lab's own operations and when the source cannot say.
    public var worker: String?
    /// When it happened, by the reporting source's clock.
    public var time: Date
    /// Who reported it.
    public var source: Source
    /// Whether the broker flagged the delivery as a redelivery. Meaningful for
    /// ``Kind/delivered``; the worker-side outcomes carry the flag of the delivery they end.
    public var redelivered: Bool
    /// Free text: the reason of a failed publish, the raw log line, the HTTP status.
    public var detail: String

    public init(
        _ kind: Kind,
        messageID: String,
        worker: String? = nil,
        time: Date,
        source: Source,
        redelivered: Bool = false,
        detail: String = ""
    ) {
        self.kind = kind
        self.messageID = messageID
        self.worker = worker
        self.time = time
        self.source = source
        self.redelivered = redelivered
        self.detail = detail
    }

    /// Whether a worker (or the broker on its behalf) did this, as opposed to the lab publishing.
    public var isWorkerSide: Bool {
        switch kind {
        case .publishAttempted, .publishAcknowledged, .publishFailed: false
        case .delivered, .processed, .rejected, .requeued: true
        }
    }
}
