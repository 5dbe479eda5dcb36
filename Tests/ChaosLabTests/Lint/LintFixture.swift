@testable import ChaosLab
import Foundation

/// Compose files for lint tests: a Traefik service configured by flags and one `api` service
/// carrying the labels under test.
enum LintFixture {
    /// Docker provider with exposedByDefault=false, `web` on :80, `websecure` on :443 and a
    /// resolver `le`.
    static let flags = [
        "--providers.docker=true",
        "--providers.docker.exposedbydefault=false",
        "--entrypoints.web.address=:80",
        "--entrypoints.websecure.address=:443",
        "--certificatesresolvers.le.acme.email=admin@example.org",
        "--certificatesresolvers.le.acme.tlschallenge=true",
    ]

    /// A compose file whose `api` service (exposing only 8000) has `labels` in list form.
    static func compose(labels: [String], flags: [String] = flags, more: String = "") -> String {
        """
        services:
          traefik:
            image: traefik:v3.7
            command:
        \(flags.map { "      - \(quoted($0))" }.joined(separator: "\n"))
          api:
            image: example/api
            expose: ["8000"]
            labels:
        \(labels.isEmpty ? "      []" : labels.map { "      - \(quoted($0))" }.joined(separator: "\n"))
        \(more)
        """
    }

    /// The findings for `yaml`.
    static func findings(_ yaml: String, path: String = "docker-compose.yml") throws -> [LintFinding] {
        try TraefikLinter.lint(yaml: yaml, path: path, environment: [:]).findings
    }

    /// The checks that reported an error or a warning for these labels.
    static func rules(labels: [String], flags: [String] = flags, more: String = "") throws -> Set<LintRule> {
        Set(try findings(compose(labels: labels, flags: flags, more: more)).filter { $0.severity > .info }.map(\.rule))
    }

    /// A YAML single-quoted scalar: taken as written, `'` doubled.
    static func quoted(_ text: String) -> String {
        "'\(text.replacingOccurrences(of: "'", with: "''"))'"
    }

    /// The folder of lint fixture files.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Lint")

    /// The repository's root folder.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
}
