/// What `chaoslab selftest` runs: every check on the reference stack, where each must pass,
/// then each knob on its own, where every check that names it as a mutant must fail.
public struct SelfTestPlan: Sendable {
    /// One stack configuration and the checks run on it.
    public struct Round: Sendable {
        /// The knobs on (none: the reference stack).
        public var knobs: [FixtureKnob]
        /// The checks run, and the verdict each must reach.
        public var checks: [any ReliabilityCheck]
        public var expected: Verdict
    }

    public var rounds: [Round]

    /// The plan for `checks`: the reference round first, then one round per knob, in the
    /// order the knobs are declared.
    public init(checks: [any ReliabilityCheck]) {
        var rounds = [Round(knobs: [], checks: checks, expected: .pass)]
        for knob in FixtureKnob.allCases {
            let broken = checks.filter { $0.mutants.contains(knob) }
            if !broken.isEmpty {
                rounds.append(Round(knobs: [knob], checks: broken, expected: .fail))
            }
        }
        self.rounds = rounds
    }
}

/// One cell of the self-test matrix.
public struct SelfTestOutcome: Sendable, Codable, Hashable {
    public var check: String
    /// The knob on, or `nil` for the reference stack.
    public var knob: FixtureKnob?
    public var expected: Verdict
    public var result: CheckResult

    public init(check: String, knob: FixtureKnob?, expected: Verdict, result: CheckResult) {
        self.check = check
        self.knob = knob
        self.expected = expected
        self.result = result
    }

    /// Whether the check reached the verdict it must.
    public var asExpected: Bool {
        result.verdict == expected
    }

    /// The cell as a verdict on the lab: ``Verdict/pass`` when the check reached the verdict
    /// it must, ``Verdict/inconclusive`` when it concluded nothing, ``Verdict/fail`` when it
    /// concluded otherwise.
    public var standing: Verdict {
        asExpected ? .pass : result.verdict == .inconclusive ? .inconclusive : .fail
    }
}
