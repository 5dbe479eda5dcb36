import Foundation

/// What each matcher's arguments must look like: paths that start with `/`, host names without
/// scheme or path, IP addresses, and regular expressions Go's `regexp` package can compile.
struct RuleArgumentCheck {
    var spec: RuleMatcherSpec
    var dialect: RuleDialect

    func problems(_ arguments: [RuleArgument]) -> [RuleProblem] {
        let values = arguments.map(\.value)
        var problems: [RuleProblem] = []
        switch spec.name {
        case "Path", "PathPrefix":
            for value in values where !value.hasPrefix("/") {
                problems.append(error("\(spec.name)(`\(value)`) must start with `/`; Traefik refuses the rule."))
            }
        case "Host", "HostSNI":
            for value in values where value.contains("/") || (value.contains(":") && !value.contains("[")) {
                problems.append(
                    RuleProblem(
                        rule: .ruleSyntax,
                        severity: .warning,
                        message: "\(spec.name)(`\(value)`) never matches: it takes a bare host name, without scheme, port or path."
                    )
                )
            }
            for value in values where !value.allSatisfy(\.isASCII) {
                problems.append(error("\(spec.name)(`\(value)`) holds non-ASCII characters, which Traefik refuses; write the name in punycode."))
            }
        case "ClientIP":
            for value in values where !Self.isAddressOrRange(value) {
                problems.append(error("ClientIP(`\(value)`) is not an IP address or CIDR range such as `10.0.0.0/8`."))
            }
        default:
            break
        }
        if dialect == .v3 {
            for value in regularExpressions(values) {
                if let problem = Self.regexpProblem(value) {
                    problems.append(error("\(spec.name): \(problem)"))
                }
            }
        }
        return problems
    }

    /// The arguments that are regular expressions in v3.
    private func regularExpressions(_ values: [String]) -> [String] {
        switch spec.name {
        case "HostRegexp", "PathRegexp", "HostSNIRegexp": values
        case "HeaderRegexp", "QueryRegexp": Array(values.dropFirst())
        default: []
        }
    }

    /// Why Go's `regexp` (RE2) would refuse `pattern`, if it would.
    static func regexpProblem(_ pattern: String) -> String? {
        let unsupported = [
            ("(?=", "lookahead"), ("(?!", "negative lookahead"), ("(?<=", "lookbehind"), ("(?<!", "negative lookbehind"),
            ("(?>", "atomic groups"),
        ]
        for (construct, name) in unsupported where pattern.contains(construct) {
            return "`\(pattern)` uses \(name) (`\(construct)`), which Go's regular expressions do not support."
        }
        if pattern.range(of: #"\\[1-9]"#, options: .regularExpression) != nil {
            return "`\(pattern)` uses a backreference, which Go's regular expressions do not support."
        }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            return "`\(pattern)` is not a valid regular expression."
        }
        return nil
    }

    /// An IPv4 or IPv6 address, optionally with a `/prefix`.
    static func isAddressOrRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        let address = parts[0]
        let isV6 = address.contains(":")
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), prefix >= 0, prefix <= (isV6 ? 128 : 32) else { return false }
        }
        if isV6 {
            let groups = address.split(separator: ":", omittingEmptySubsequences: false)
            return groups.count >= 3 && groups.count <= 8
                && address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
                && address.components(separatedBy: "::").count <= 2
        }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            guard !octet.isEmpty, octet.count <= 3, let value = Int(octet) else { return false }
            return value <= 255
        }
    }

    private func error(_ message: String) -> RuleProblem {
        RuleProblem(rule: .ruleSyntax, message: message)
    }
}
