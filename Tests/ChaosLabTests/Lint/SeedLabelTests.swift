@testable import ChaosLab
import Foundation
import Testing

/// The Traefik configuration the seed READMEs show, and the reference stack.
///
/// Of the five seeds only 000 shows Traefik configuration: a static file and two router labels
/// (section 1.3). Seed 001 describes a `strip-panel` middleware removing `/panel` for the
/// `panel-visual` service in prose only; its fixture writes that description as labels. Seeds
/// 002, 003 and 004 show no Traefik labels.
@Suite("Traefik lint: seeds and reference stack")
struct SeedLabelTests {
    @Test("seed 000: the README's static file and labels")
    func seed000() throws {
        let path = LintFixture.fixtures.appendingPathComponent("seed-000/docker-compose.yml").path
        let report = try TraefikLinter.lint(composeFile: path, environment: [:])
        let found = report.findings.map { "\($0.severity.rawValue) \($0.rule.rawValue) \($0.service) \($0.label)" }
        #expect(found == [
            "error static-config traefik providers.docker",
            "error unknown-entrypoint traefik certificatesResolvers.letsencrypt.acme.httpChallenge.entryPoint",
            "warning default-rule mi-servicio traefik.http.routers.mi-servicio.rule",
            "info service-port mi-servicio traefik.http.services.mi-servicio.loadbalancer.server.port",
        ])
        let challenge = try #require(report.findings.first { $0.rule == .unknownEntryPoint })
        #expect(challenge.file.hasSuffix("seed-000/traefik.yml"))
        #expect(challenge.line == 12)
        // The router itself is sound: websecure exists, TLS is on through the declared resolver.
        #expect(!report.findings.contains { [.unknownCertResolver, .tlsEntryPoint].contains($0.rule) })
    }

    @Test("seed 001: the strip-panel middleware described in prose")
    func seed001() throws {
        let path = LintFixture.fixtures.appendingPathComponent("seed-001/docker-compose.yml").path
        let report = try TraefikLinter.lint(composeFile: path, environment: [:])
        #expect(report.findings.map(\.rule) == [.servicePort])
        #expect(report.findings.first?.severity == .info)
        #expect(report.isClean)
    }

    @Test("the reference compose file lints clean")
    func referenceStack() throws {
        let path = LintFixture.repository.appendingPathComponent("compose/docker-compose.yml").path
        let report = try TraefikLinter.lint(composeFile: path, environment: [:])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description))")
        #expect(report.traefikService == "traefik")
        #expect(report.staticConfiguration == "flags")
    }

    @Test("the reference compose file lints clean with every variable set differently")
    func referenceStackInterpolated() throws {
        let path = LintFixture.repository.appendingPathComponent("compose/docker-compose.yml").path
        let environment = ["CHAOSLAB_MONITOR_PREFIX": "/rabbit", "CHAOSLAB_NETWORK": "lab_net", "CHAOSLAB_API_PORT": "18000"]
        #expect(try TraefikLinter.lint(composeFile: path, environment: environment).findings.isEmpty)
    }
}
