public import Foundation

/// A stretch of time in which the lab could not watch the broker: the firehose was down (the
/// broker restarting, tracing not yet switched back on) or events were dropped. A verdict that
/// depends on what happened inside one cannot be a fail.
public struct ObservationGap: Sendable, Codable, Hashable, CustomStringConvertible {
    /// When watching stopped.
    public var from: Date
    /// When it resumed; `nil` while it has not.
    public var to: Date?
    /// Why, in a few words ("the firehose connection closed: …").
    public var reason: String

    public init(from: Date, to: Date? = nil, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }

    /// Whether the gap overlaps `start...end`.
    public func overlaps(_ start: Date, _ end: Date) -> Bool {
        from <= end && (to ?? .distantFuture) >= start
    }

    public var description: String {
        let end = to.map { String(format: "%.1f s", $0.timeIntervalSince(from)) } ?? "not resumed"
        return "\(from.formatted(.iso8601.time(includingFractionalSeconds: true))) for \(end): \(reason)"
    }
}
