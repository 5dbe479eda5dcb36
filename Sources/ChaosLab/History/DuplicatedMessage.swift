/// A message processed more than once: allowed by at-least-once delivery, reported always.
public struct DuplicatedMessage: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The message id.
    public var id: String
    /// How many times it was processed.
    public var count: Int
    /// Who processed it, once per processing, in time order; a source that cannot name the
    /// worker leaves that processing out, so this may be shorter than ``count``.
    public var workers: [String]

    public init(id: String, count: Int, workers: [String]) {
        self.id = id
        self.count = count
        self.workers = workers
    }

    /// E.g. "m-4 was processed 2 times (worker1, worker2)".
    public var description: String {
        let by = workers.isEmpty ? "" : " (\(workers.joined(separator: ", ")))"
        return "\(id) was processed \(count) times\(by)"
    }
}
