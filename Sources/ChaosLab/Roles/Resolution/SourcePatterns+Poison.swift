/// The word a worker tests a message for before turning it away, read from the condition and
/// the block under it (by indentation, which Python requires and JavaScript keeps by habit).
extension SourcePatterns {
    /// A condition on a word whose block is being read.
    struct WordCondition {
        var word: SourceClue
        /// The indentation of the condition's line: the block is what is indented deeper.
        var indent: Int
        var rejects = false
    }

    /// The word a condition on `line` tests a message for (`if b'fail' in body:`,
    /// `if (text.includes('poison'))`), if any.
    func conditionWord(in line: String) -> String? {
        for regex in [wordCondition, wordIncludes] {
            if let match = try? regex.firstMatch(in: line), let word = match.output[2].substring {
                return String(word)
            }
        }
        return nil
    }

    /// Reads `line` as part of the open condition's block: a reject or nack there marks it,
    /// and a line indented no deeper than the condition ends it. `opening`: the condition's own
    /// line, whose inline body (`if …: ch.basic_reject(…)`) counts too.
    func follow(_ condition: inout WordCondition?, line: String, into scan: inout BuildContextScan, opening: Bool = false) {
        guard var open = condition else { return }
        if !opening, Self.indent(of: line) <= open.indent {
            close(open, into: &scan)
            condition = nil
            return
        }
        if (try? rejectCall.firstMatch(in: line)) != nil {
            open.rejects = true
        }
        condition = open
    }

    /// Records a condition's word once its block is read: a block that rejects the message
    /// makes it the poison word; so does a word that says poison, where the worker only skips
    /// the message (an auto-ack worker has nothing to reject). A rejecting condition wins over
    /// a skipping one found earlier.
    func close(_ condition: WordCondition, into scan: inout BuildContextScan) {
        let saysPoison = RoleVocabulary.poisonWords.contains { condition.word.value.lowercased().contains($0) }
        guard condition.rejects || saysPoison else { return }
        if scan.poisonWord == nil || (condition.rejects && !scan.rejectsPoison) {
            scan.poisonWord = condition.word
            scan.rejectsPoison = condition.rejects
        }
    }

    /// The width of a line's leading blanks.
    static func indent(of line: String) -> Int {
        line.prefix { $0 == " " || $0 == "\t" }.count
    }
}
