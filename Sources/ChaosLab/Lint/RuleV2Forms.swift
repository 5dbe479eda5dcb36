/// The Traefik v2 forms of matchers that v3 refuses or reads differently.
enum RuleV2Forms {
    /// v2 matcher names v3 dropped (lower-cased), with what to write instead.
    static let renamed: [String: String] = [
        "headers": "Header(`X-Name`, `value`)",
        "headersregexp": "HeaderRegexp(`X-Name`, `^va.*`)",
        "hostheader": "Host(`example.com`)",
    ]

    /// The v2 form `matcher` is written in, if any, for a v3 router.
    static func problem(of matcher: RuleMatcher, spec: RuleMatcherSpec) -> RuleProblem? {
        let values = matcher.arguments.map(\.value)
        let name = spec.name
        if ["Host", "Path", "PathPrefix", "Method", "ClientIP", "HostSNI", "ALPN"].contains(name), values.count > 1 {
            let alternatives = values.map { "\(name)(`\($0)`)" }.joined(separator: " || ")
            return v2("\(name) with several arguments is v2 syntax; v3 takes one per call: \(alternatives).")
        }
        if ["HostRegexp", "HostSNIRegexp"].contains(name), values.contains(where: hasPlaceholder) {
            return v2("\(name)(`\(values[0])`) uses v2's `{name:regexp}` placeholders; v3 takes a plain regular expression such as \(spec.signature).")
        }
        if ["Path", "PathPrefix"].contains(name), values.contains(where: hasPlaceholder) {
            return v2("\(name)(`\(values[0])`) uses v2's `{name:regexp}` placeholders, which v3 takes literally; write PathRegexp(`^/users/[0-9]+$`) instead.")
        }
        if name == "Query", values.count > 2 || values.allSatisfy({ $0.contains("=") }) {
            let pairs = values.map { value in
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                return "Query(`\(parts.first ?? value)`, `\(parts.count > 1 ? parts[1] : "")`)"
            }
            return v2("Query(`key=value`) is v2 syntax; v3 reads `\(values[0])` as the key. Write \(pairs.joined(separator: " && ")).")
        }
        return nil
    }

    /// `{id}` or `{id:[0-9]+}`: a name in braces, not a `{2}` or `{2,3}` repetition.
    static func hasPlaceholder(_ text: String) -> Bool {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let first = after.first, first.isLetter || first == "_" {
                let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                let next = after.dropFirst(name.count).first
                if next == "}" || next == ":" { return true }
            }
            rest = after
        }
        return false
    }

    private static func v2(_ message: String) -> RuleProblem {
        RuleProblem(rule: .ruleV2Syntax, message: message)
    }
}
