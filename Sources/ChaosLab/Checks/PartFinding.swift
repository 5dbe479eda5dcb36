/// What one part of a check with several parts concluded (the dead-letter check's poison,
/// expiry and overflow parts; the security check's login, dashboard and image parts).
struct PartFinding: Sendable {
    /// `true` held, `false` broken, `nil` the part did not apply to this stack.
    var passed: Bool?
    /// The conclusion in a full sentence, naming what went wrong.
    var sentence: String
    var figures: [Figure] = []
    var evidence: [Evidence] = []
    var messages: [MessageTrace] = []
}

extension CheckOutcome {
    /// Fails with the sentences of the broken parts; does not apply if no part applied;
    /// otherwise passes with every sentence.
    init(parts: [PartFinding], evidence leading: [Evidence] = []) {
        let figures = parts.flatMap(\.figures)
        let evidence = leading + parts.flatMap(\.evidence)
        let messages = parts.flatMap(\.messages)
        let broken = parts.filter { $0.passed == false }
        if !broken.isEmpty {
            self = .fail(broken.map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence, messages: messages)
        } else if parts.allSatisfy({ $0.passed == nil }) {
            self = CheckOutcome(verdict: .notApplicable, reason: parts.map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence)
        } else {
            self = .pass(parts.map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence, messages: messages)
        }
    }
}
