extension GradingPolicy {
    /// What each of the policy's checks earned, from the run's results.
    /// - Parameters:
    ///   - results: the checks' results; a check missing from them never ran.
    ///   - outcome: how far the submission got.
    ///   - applicability: what `chaoslab inspect` said of each check, for a stack that never
    ///     ran: a check that could not apply to it is not counted against it.
    public func scores(results: [CheckResult], outcome: SubmissionOutcome, applicability: [CheckApplicability] = []) -> [CheckScore] {
        checks.map { check in
            let worth = points(for: check)
            let isRequired = required.contains(check)
            let title = CheckCatalogue.check(named: check)?.title ?? check
            func score(_ verdict: Verdict?, _ points: Double, of maxPoints: Double, review: Bool = false, _ output: String) -> CheckScore {
                CheckScore(check: check, title: title, verdict: verdict, points: points, maxPoints: maxPoints, required: isRequired, needsReview: review, output: output)
            }
            switch outcome {
            case .doesNotStart(let reason):
                if !isRequired, let status = applicability.first(where: { $0.check == check }), status.status == .notApplicable {
                    return score(nil, 0, of: 0, "Not counted: it would not apply (\(status.reasons.joined(separator: "; "))), and the stack did not start.")
                }
                return score(nil, 0, of: worth, "The stack did not start, so this check could not run: \(reason)")
            case .notGraded(let reason):
                return score(nil, 0, of: worth, review: true, "Not graded yet: \(reason)")
            case .graded, .timedOut:
                guard let result = results.first(where: { $0.check == check }) else {
                    return score(nil, 0, of: worth, review: true, "Not scored yet: the check never ran (\(outcome.reason ?? "no result was recorded")).")
                }
                switch result.verdict {
                case .pass:
                    return score(.pass, worth, of: worth, result.reason)
                case .fail:
                    return score(.fail, 0, of: worth, result.reason)
                case .notApplicable where isRequired:
                    return score(.notApplicable, 0, of: worth, "Required by the course, but it does not apply to this stack: \(result.reason)")
                case .notApplicable:
                    return score(.notApplicable, 0, of: 0, "Not counted: \(result.reason)")
                case .inconclusive:
                    return score(.inconclusive, 0, of: worth, review: true, "Not scored yet, for review: the lab could not conclude. \(result.reason)")
                }
            }
        }
    }
}
