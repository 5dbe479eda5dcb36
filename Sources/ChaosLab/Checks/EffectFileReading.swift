/// The workers' effect file (``WorkerEvidence/effectFile``, seed 000's `data/messages.log`)
/// read once a check is done: how many of its lines name each of the check's tokens.
public struct EffectFileReading: Sendable, Codable, Hashable {
    /// The file, inside the workers' containers.
    public var path: String
    /// Lines naming each token with the check's prefix; a token not written is absent.
    public var counts: [String: Int]
    /// The workers whose file could not be read, with why.
    public var unreadable: [String: String]

    public init(path: String, counts: [String: Int], unreadable: [String: String] = [:]) {
        self.path = path
        self.counts = counts
        self.unreadable = unreadable
    }

    /// How many lines name `token`.
    public func count(_ token: String) -> Int {
        counts[token] ?? 0
    }

    /// Adds the lines of one file's `text` naming tokens with `prefix` (`redelivery-1a2b3c-`):
    /// the prefix and the digits after it, ending there (`…-12` is not `…-1`).
    mutating func add(_ text: String, prefix: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            for token in Set(line.labTokenRanges(prefix: prefix).map { String(line[$0]) }) {
                counts[token, default: 0] += 1
            }
        }
    }
}
