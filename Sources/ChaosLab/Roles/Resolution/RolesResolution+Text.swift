extension RolesResolution {
    /// The resolution as `chaoslab inspect` prints it: the roles by section with each value's
    /// source, what is missing and what it costs, each check's applicability, and notes.
    public var text: String {
        var lines = ["Roles of \(composeFile)" + (manifest.map { " with manifest \($0)" } ?? "")]
        var section: String?
        let width = 22
        for finding in findings {
            let field = finding.field
            if field.section != section {
                section = field.section
                lines.append("")
                if let section { lines.append(section) }
            }
            let label = field.section == nil ? field.key : "  \(field.key)"
            lines.append(Self.padded(label, width) + finding.value + "  (\(finding.source))")
        }
        if !missing.isEmpty {
            lines += ["", "Missing"]
            for role in missing {
                let essential = role.isEssential ? "essential: " : ""
                lines.append(Self.padded("  \(role.field.rawValue)", width + 12) + essential + role.consequence + " Affects: \(role.checks.joined(separator: ", ")).")
            }
        }
        lines += ["", "Checks"]
        for check in checks {
            let status = check.status == .applies ? "applies" : check.status.rawValue
            let why = check.reasons.isEmpty ? "" : ": " + check.reasons.joined(separator: " ")
            lines.append(Self.padded("  \(check.check)", width) + status + why)
        }
        if !notes.isEmpty {
            lines += ["", "Notes"]
            lines += notes.map { "  - \($0)" }
        }
        lines += ["", summary]
        return lines.joined(separator: "\n")
    }

    /// One line: how many values were declared, guessed and defaulted, and the checks' outlook.
    public var summary: String {
        let declared = findings.filter(\.source.isDeclared).count
        let guessed = findings.filter { $0.source.kind == .guessed }.count
        let defaulted = findings.filter { $0.source.kind == .defaulted }.count
        let values = "\(declared) declared, \(guessed) guessed, \(defaulted) default"
        if lacksEssentials {
            let names = missing.filter(\.isEssential).map(\.field.rawValue).joined(separator: ", ")
            return "\(values); missing \(names): no check can run. Declare them in x-chaoslab or chaoslab.yml (docs/grading.md)."
        }
        let count = { (status: CheckApplicability.Status) in self.checks.filter { $0.status == status }.count }
        let applies = count(.applies)
        return "\(values); \(applies) \(applies == 1 ? "check applies" : "checks apply") fully, \(count(.limited)) in part, \(count(.notApplicable)) not at all."
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
