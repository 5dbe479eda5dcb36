extension APIContractCheck {
    /// Fails on a broken requirement, one sentence per broken rule naming the routes it broke
    /// on and the first answer; is inconclusive when none broke but the lab could not observe
    /// one (saying which and why); otherwise passes. Advice that did not hold is told beside
    /// the verdict either way: named in the reason's last sentence, told in full in an
    /// evidence block titled ``Evidence/adviceTitle``, which reports show apart.
    static func verdict(cases: [Case], routes: [String], figures measured: [Figure] = [], evidence leading: [Evidence] = []) -> CheckOutcome {
        let requirements = cases.filter { $0.kind == .requirement }
        let failed = requirements.filter { $0.passed == false }
        let unobserved = requirements.filter { $0.passed == nil }
        let advice = cases.filter { $0.kind == .advice && $0.passed == false }
        let figures = [
            Figure("cases", "requests tried", Double(requirements.count)),
            Figure("cases.failed", "requests answered against the contract", Double(failed.count)),
            Figure("cases.unobserved", "requests the lab could not judge for want of the broker's account", Double(unobserved.count)),
            Figure("advice", "advice the stack did not follow", Double(grouped(advice).count)),
        ] + measured
        var evidence = leading + [Evidence(source: "api", title: "Each request and its answer", lines: cases.map(\.line))]
        let tips = grouped(advice).map { group in
            "\(group[0].name) (\(group.map(\.route).joined(separator: " and "))): advised \(group[0].expected), got \(group[0].observed)"
                + (group[0].hint.map { " — \($0)" } ?? "")
        }
        if !tips.isEmpty {
            evidence.insert(Evidence.advice(source: "api", tips), at: 0)
        }
        let aside = tips.isEmpty ? "" : " Advice beside the verdict (details under Advice): " + grouped(advice).map { $0[0].name }.joined(separator: "; ") + "."
        if !failed.isEmpty {
            let sentences = grouped(failed).map { group in
                "\(group[0].name) (\(group.map(\.route).joined(separator: " and "))): expected \(group[0].expected), got \(group[0].observed)"
            }
            return .fail("\(failed.count) of \(requirements.count) requests broke the contract: " + sentences.joined(separator: "; ") + "." + aside, figures: figures, evidence: evidence)
        }
        if !unobserved.isEmpty {
            let sentences = grouped(unobserved).map { group in
                "\(group[0].name) (\(group.map(\.route).joined(separator: " and "))): expected \(group[0].expected), got \(group[0].observed)"
            }
            return .inconclusive(
                "No request broke the contract, but \(unobserved.count) of \(requirements.count) could not be judged: " + sentences.joined(separator: "; ") + "." + aside,
                figures: figures, evidence: evidence
            )
        }
        return .pass(
            "All \(requirements.count) requests kept the contract over \(routes.joined(separator: " and ")), including no success while the broker was down and recovery after." + aside,
            figures: figures, evidence: evidence
        )
    }

    /// Cases with the same name and expectation together, in first-seen order.
    static func grouped(_ cases: [Case]) -> [[Case]] {
        var order: [String] = []
        var groups: [String: [Case]] = [:]
        for item in cases {
            let key = "\(item.name)\u{0}\(item.expected)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(item)
        }
        return order.map { groups[$0]! }
    }
}
