public import Foundation

/// Something a check saw and based its verdict on, kept so a person can verify the verdict
/// without a terminal: broker samples, worker log lines, HTTP exchanges.
public struct Evidence: Sendable, Codable, Hashable {
    /// Where it came from, e.g. `broker`, `worker1 stdout`, `messages.log`, `api`.
    public var source: String
    /// What it shows, in one line.
    public var title: String
    /// The raw lines, as they were read (bounded by the check).
    public var lines: [String]
    /// When it was taken.
    public var takenAt: Date

    public init(source: String, title: String, lines: [String], takenAt: Date = Date()) {
        self.source = source
        self.title = title
        self.lines = lines
        self.takenAt = takenAt
    }
}

extension Evidence {
    /// The title of the block that carries a check's advice: good practice the stack did not
    /// follow, which does not change the verdict. Reports show it apart from the evidence.
    public static let adviceTitle = "Advice"

    /// A block of advice, one piece per line.
    public static func advice(source: String, _ lines: [String]) -> Evidence {
        Evidence(source: source, title: adviceTitle, lines: lines)
    }

    /// Whether this block is a check's advice.
    public var isAdvice: Bool {
        title == Self.adviceTitle
    }
}
