/// What a worker prints when it finishes or turns away a message: the line printed just before
/// its `basic_ack` or `basic_reject`, as the tutorial prints ` [x] Done` before acknowledging.
extension SourcePatterns {
    /// How many lines above the acknowledgement the print may be.
    static let printReach = 3

    /// Keeps the last print of `line` in `printed`, and records it as a finishing or rejecting
    /// line when `line` acknowledges or rejects soon after it.
    func notePrint(in line: String, number: Int, file: String, printed: inout SourceClue?, into scan: inout BuildContextScan) {
        if let match = try? printCall.firstMatch(in: line),
           let literal = (1...3).lazy.compactMap({ match.output[$0].substring }).first,
           let start = Self.fixedStart(of: String(literal)) {
            printed = SourceClue(value: start, file: file, line: number)
        }
        guard let print = printed, number - print.line <= Self.printReach else { return }
        if (try? ackCall.firstMatch(in: line)) != nil {
            scan.donePrints.append(print)
            printed = nil
        } else if (try? rejectCall.firstMatch(in: line)) != nil {
            scan.rejectPrints.append(print)
            printed = nil
        }
    }

    /// The text of a printed literal up to its first placeholder (`{`, `${`, `%`), trimmed;
    /// `nil` when too little is left to know the line by (fewer than 3 characters, no letter)
    /// or when it announces a message arriving (` [x] Received`), which closes nothing.
    static func fixedStart(of literal: String) -> String? {
        let start = literal.prefix { !"{$%".contains($0) }.trimmingCharacters(in: .whitespaces)
        guard start.count >= 3, start.contains(where: \.isLetter) else { return nil }
        let lower = start.lowercased()
        guard !RoleVocabulary.arrivalWords.contains(where: { lower.contains($0) }) else { return nil }
        return start
    }

    /// A regular expression matching a line that contains each of `texts`' common start, or
    /// `nil` when they share too little.
    static func pattern(commonTo texts: [String]) -> String? {
        guard var common = texts.first else { return nil }
        for text in texts.dropFirst() {
            common = String(zip(common, text).prefix { $0 == $1 }.map(\.0))
        }
        guard let start = fixedStart(of: common) else { return nil }
        return start.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : String($0) }.joined()
    }
}
