public import Foundation

/// A moment at which a queue held nothing, neither ready nor unacknowledged: every delivery
/// from it before then was settled.
public struct DrainMark: Sendable, Codable, Hashable {
    public var queue: String
    /// When the lab asked; the broker answered at some instant after, so this is conservative.
    public var at: Date

    public init(queue: String, at: Date) {
        self.queue = queue
        self.at = at
    }
}
