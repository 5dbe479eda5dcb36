@testable import ChaosLab
import Foundation
import Testing

@Suite("Traefik lint: report and input errors")
struct LintReportTests {
    @Test("one line per finding: file:line, service, label, severity, message, check")
    func lineFormat() {
        let finding = LintFinding(
            severity: .error, rule: .ruleSyntax, file: "compose.yml", line: 42, service: "api",
            label: "traefik.http.routers.api.rule", message: "The rule is empty."
        )
        #expect(finding.description == "compose.yml:42: service 'api' label 'traefik.http.routers.api.rule': error: The rule is empty. [rule-syntax]")
        var noLine = finding
        noLine.line = nil
        #expect(noLine.description.hasPrefix("compose.yml: service 'api'"))
    }

    @Test("JSON round trip; severities order notes below warnings below errors")
    func json() throws {
        let report = LintReport(file: "c.yml", traefikService: "traefik", staticConfiguration: "flags", findings: [
            LintFinding(severity: .warning, rule: .defaultRule, file: "c.yml", line: 3, service: "api", label: "l", message: "m")
        ])
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(LintReport.self, from: data) == report)
        #expect(String(decoding: data, as: UTF8.self).contains("\"rule\":\"default-rule\""))
        #expect(LintSeverity.info < .warning && LintSeverity.warning < .error)
        #expect(report.exitStatus == 1)
        #expect(LintReport(file: "c.yml", findings: []).exitStatus == 0)
    }

    @Test("findings come errors first, then by line")
    func order() throws {
        let yaml = LintFixture.compose(labels: [
            "traefik.enable=true", "traefik.http.routers.api.entrypoints=web", "traefik.http.routers.api.rule=Host(`a`, `b`)",
            "traefik.http.routers.api.middlewares=missing",
        ])
        let findings = try LintFixture.findings(yaml)
        #expect(findings.map(\.severity) == findings.map(\.severity).sorted(by: >))
        #expect(findings.filter { $0.severity == .error }.map(\.line) == findings.filter { $0.severity == .error }.map(\.line).sorted { ($0 ?? 0) < ($1 ?? 0) })
    }

    @Test("a missing compose file and bad YAML are input errors naming file and line")
    func inputErrors() throws {
        let missing = try #require(throws: LintInputError.self) {
            try TraefikLinter.lint(composeFile: "/nonexistent/docker-compose.yml", environment: [:])
        }
        #expect(missing.description == "Compose file /nonexistent/docker-compose.yml does not exist.")
        let bad = try #require(throws: LintInputError.self) {
            try TraefikLinter.lint(yaml: "services:\n  api:\n    labels: [a\n", path: "c.yml")
        }
        #expect(bad.description.hasPrefix("c.yml:4:"))
        #expect(!bad.description.contains("\n"))
    }

    @Test("a label compose cannot interpolate is a finding, not an unreadable file")
    func badInterpolationIsAFinding() throws {
        let yaml = LintFixture.compose(labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.middlewares.a.basicauth.users=u:$2y$05$x"])
        let findings = try LintFixture.findings(yaml)
        #expect(findings.map(\.rule) == [.unescapedDollar])
        #expect(findings.first?.message.contains("$$") == true)
    }
}
