/// One message a ``HistoryChecker`` has something to say about (lost, mishandled,
/// unexpected), with the one-line explanation a person reads in the report.
public struct MessageFinding: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The message id.
    public var id: String
    /// One sentence without a final period, naming the message and the last thing seen, e.g.
    /// "m-17 was delivered to worker2 and never processed".
    public var explanation: String
    /// The operation the explanation rests on; `nil` when nothing but the publish was seen.
    public var lastSeen: HistoryOperation?

    public init(id: String, explanation: String, lastSeen: HistoryOperation? = nil) {
        self.id = id
        self.explanation = explanation
        self.lastSeen = lastSeen
    }

    public var description: String { explanation }
}
