public import Foundation

/// One message's handling by one worker: a bar on a report's timeline.
public struct MessageTrace: Sendable, Codable, Hashable {
    /// The lab's id for the message.
    public var id: String
    /// The worker that handled it.
    public var worker: String
    /// When the worker started on it.
    public var start: Date
    /// When it finished; `nil` if it never did (killed, lost).
    public var end: Date?
    /// Whether the broker flagged the delivery as a redelivery.
    public var redelivered: Bool
    /// How it ended.
    public var outcome: DeliveryOutcome

    public init(id: String, worker: String, start: Date, end: Date?, redelivered: Bool, outcome: DeliveryOutcome) {
        self.id = id
        self.worker = worker
        self.start = start
        self.end = end
        self.redelivered = redelivered
        self.outcome = outcome
    }
}
