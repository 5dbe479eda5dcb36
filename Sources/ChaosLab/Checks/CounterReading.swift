public import Foundation

/// One reading of a counting service's page: the count it shows for each of the lab's keys.
///
/// Pages come in the shapes students write: a JSON object (`{"app1": 12}`, nested or not),
/// plain-text lines (`app1: 12`, `app1 = 12`, `app1 12`), an HTML table. What they share is
/// that a key is followed, on its line, by its count; so the reading finds each of the run's
/// tokens and takes the first whole number after it, before the next token or the line's end.
public struct CounterReading: Sendable, Codable, Hashable {
    /// The count shown for each key of the lab's that appears on the page.
    public var counts: [String: Int]
    /// The HTTP status the page answered with.
    public var status: Int
    /// When the page was read.
    public var at: Date

    public init(counts: [String: Int], status: Int, at: Date) {
        self.counts = counts
        self.status = status
        self.at = at
    }

    /// The count of `key`; a key the page does not show has been counted zero times.
    public func count(_ key: String) -> Int {
        counts[key] ?? 0
    }

    /// The count `page` shows for `key`, a key of the stack's own (`app1`): the first whole
    /// number after the key on its line, the key standing as a word of its own (`app1` is not
    /// `app10`); 0 when the page does not show it.
    public static func count(of key: String, in page: String) -> Int {
        for line in page.split(whereSeparator: \.isNewline) {
            var rest = Substring(line)
            while let found = rest.range(of: key) {
                let before = found.lowerBound == rest.startIndex ? nil : rest[rest.index(before: found.lowerBound)]
                let after = rest[found.upperBound...]
                let standsAlone = before.map { !$0.isKeyCharacter } ?? true && after.first.map { !$0.isKeyCharacter } ?? true
                if standsAlone, let number = after.firstStandaloneNumber { return number }
                rest = after
            }
        }
        return 0
    }

    /// Reads the counts of the keys with `prefix` (`exact-counts-1a2b3c-`) off `page`.
    public static func parse(_ page: String, prefix: String, status: Int = 200, at: Date = Date()) -> CounterReading {
        var counts: [String: Int] = [:]
        for line in page.split(whereSeparator: \.isNewline) {
            for key in line.labTokenRanges(prefix: prefix) {
                // Its count is the first number after it, before the prefix comes again.
                let after = line[key.upperBound...]
                let span = after[..<(after.range(of: prefix)?.lowerBound ?? after.endIndex)]
                if let number = span.firstWholeNumber {
                    counts[String(line[key])] = number
                }
            }
        }
        return CounterReading(counts: counts, status: status, at: at)
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
    /// A character a key can hold: `app1`, `cliente-2`, `svc_3`.
    var isKeyCharacter: Bool { isLetter || isNumber || self == "_" || self == "-" }
}

private extension Substring {
    /// The first run of ASCII digits that is a number of its own, not the end of a word
    /// (`app2` in `"app1": "app2", "n": 5` is skipped for 5).
    var firstStandaloneNumber: Int? {
        var index = startIndex
        while index < endIndex {
            if self[index].isASCIIDigitCharacter {
                let run = self[index...].prefix(while: \.isASCIIDigitCharacter)
                let before = index == startIndex ? nil : self[self.index(before: index)]
                if before.map({ !$0.isKeyCharacter }) ?? true { return Int(run) }
                index = run.endIndex
            } else {
                index = self.index(after: index)
            }
        }
        return nil
    }

    /// The first run of ASCII digits, as a number.
    var firstWholeNumber: Int? {
        guard let start = firstIndex(where: \.isASCIIDigitCharacter) else { return nil }
        return Int(self[start...].prefix(while: \.isASCIIDigitCharacter))
    }
}
