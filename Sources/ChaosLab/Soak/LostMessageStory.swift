public import Foundation

/// What happened to one message the stack acknowledged and never processed, told so a person
/// can follow it: when it was published and acknowledged, every delivery the broker made of it,
/// and which faults were in force meanwhile.
public struct LostMessageStory: Sendable, Codable, Hashable, CustomStringConvertible {
    public var token: String
    /// When the lab sent it, in seconds from the load's start.
    public var publishedAt: Double
    /// When the API acknowledged it.
    public var acknowledgedAt: Double
    /// Each delivery: the worker, when (seconds from the load's start), and how it ended.
    public var deliveries: [String]
    /// The faults in force from its publish to the end of the soak, as the schedule's table
    /// names them (`F3 SIGKILL worker1 …`).
    public var faults: [String]

    public init(token: String, publishedAt: Double, acknowledgedAt: Double, deliveries: [String], faults: [String]) {
        self.token = token
        self.publishedAt = publishedAt
        self.acknowledgedAt = acknowledgedAt
        self.deliveries = deliveries
        self.faults = faults
    }

    public var description: String {
        let delivered = deliveries.isEmpty ? "never delivered" : deliveries.joined(separator: ", then ")
        let during = faults.isEmpty ? "with no fault in force" : "while " + faults.joined(separator: "; ")
        return "\(token) published at +\(SoakFault.seconds(publishedAt)), acknowledged at +\(SoakFault.seconds(acknowledgedAt)), \(delivered); \(during)"
    }
}
