/// What one part of a check with several parts concluded (the dead-letter check's poison,
/// expiry and overflow parts; the security check's login, dashboard and image parts).
struct PartFinding: Sendable {
    /// How a part came out.
    enum Outcome: Sendable, Hashable {
        /// The part's property held.
        case held
        /// It did not hold.
        case broken
        /// The stack does not claim it.
        case notApplicable
        /// The lab could not observe what the part needs (a login it could not try, an
        /// endpoint that did not answer): no claim either way.
        case inconclusive
    }

    var outcome: Outcome
    /// The conclusion in a full sentence, naming what went wrong.
    var sentence: String
    var figures: [Figure] = []
    var evidence: [Evidence] = []
    var messages: [MessageTrace] = []

    init(outcome: Outcome, sentence: String, figures: [Figure] = [], evidence: [Evidence] = [], messages: [MessageTrace] = []) {
        self.outcome = outcome
        self.sentence = sentence
        self.figures = figures
        self.evidence = evidence
        self.messages = messages
    }

    /// `true` held, `false` broken, `nil` the part did not apply to this stack.
    init(passed: Bool?, sentence: String, figures: [Figure] = [], evidence: [Evidence] = [], messages: [MessageTrace] = []) {
        let outcome: Outcome = switch passed {
        case true?: .held
        case false?: .broken
        case nil: .notApplicable
        }
        self.init(outcome: outcome, sentence: sentence, figures: figures, evidence: evidence, messages: messages)
    }

    /// A part the lab could not observe; `sentence` says what was missing.
    static func inconclusive(_ sentence: String, figures: [Figure] = [], evidence: [Evidence] = []) -> PartFinding {
        PartFinding(outcome: .inconclusive, sentence: sentence, figures: figures, evidence: evidence)
    }

    /// `true` held, `false` broken, `nil` not applicable or not observed.
    var passed: Bool? {
        switch outcome {
        case .held: true
        case .broken: false
        case .notApplicable, .inconclusive: nil
        }
    }
}

extension CheckOutcome {
    /// Fails with the sentences of the broken parts (and of those the lab could not observe);
    /// is inconclusive when no part broke but one could not be observed, leading with what was
    /// missing; does not apply if no part applied; otherwise passes with every sentence.
    init(parts: [PartFinding], evidence leading: [Evidence] = []) {
        let figures = parts.flatMap(\.figures)
        let evidence = leading + parts.flatMap(\.evidence)
        let messages = parts.flatMap(\.messages)
        let broken = parts.filter { $0.outcome == .broken }
        let unobserved = parts.filter { $0.outcome == .inconclusive }
        if !broken.isEmpty {
            self = .fail((broken + unobserved).map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence, messages: messages)
        } else if !unobserved.isEmpty {
            let rest = parts.filter { $0.outcome != .inconclusive }
            self = .inconclusive((unobserved + rest).map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence, messages: messages)
        } else if parts.allSatisfy({ $0.outcome == .notApplicable }) {
            self = CheckOutcome(verdict: .notApplicable, reason: parts.map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence)
        } else {
            self = .pass(parts.map(\.sentence).joined(separator: " "), figures: figures, evidence: evidence, messages: messages)
        }
    }
}
