import Foundation

extension TraefikLinter {
    /// Password hashes in `basicauth.users` / `digestauth.users` whose `$` are not doubled, and
    /// any label value compose would refuse to interpolate.
    func escapingFindings() -> [LintFinding] {
        var findings: [LintFinding] = []
        for service in file.services {
            let sets = [(service.labels, service.labelLines), (service.deployLabels, service.deployLabelLines)]
            for (labels, lines) in sets {
                for (key, written) in labels.sorted(by: { $0.key < $1.key }) where written.contains("$") {
                    let line = lines[key]
                    if Self.isUsersLabel(key), let hash = Self.unescapedHash(in: written) {
                        findings.append(
                            finding(
                                .error,
                                .unescapedDollar,
                                service.name,
                                key,
                                line: line,
                                "The password hash holds `\(hash)` with single `$`: compose reads `$…` as a variable and mangles the hash (or refuses the file), so the login always fails. Write every `$` as `$$` in compose labels (for example `htpasswd -nbB user pass | sed -e 's/\\$/\\$\\$/g'`)."
                            )
                        )
                        continue
                    }
                    if case .failure(let error) = interpolation.value(written) {
                        findings.append(
                            finding(
                                .error,
                                .unescapedDollar,
                                service.name,
                                key,
                                line: line,
                                "Compose refuses this value: \(error.reason). A literal `$` in a compose label must be written `$$`."
                            )
                        )
                    }
                }
            }
        }
        return findings
    }

    static func isUsersLabel(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower.hasSuffix("basicauth.users") || lower.hasSuffix("digestauth.users")
    }

    /// The first hash prefix (`$apr1$`, `$2y$`, `$2a$`, `$2b$`, `$1$`, `$5$`, `$6$`) written with
    /// a single `$`, if any.
    static func unescapedHash(in text: String) -> String? {
        let pattern = #"(?<!\$)\$(apr1|2[aby]|[156])\$(?!\$)"#
        guard let match = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[match])
    }
}
