@testable import ChaosLab
import Foundation
import Testing

/// The reference stack's compose file resolves to exactly ``StackRoles/reference(environment:)``.
@Suite("Roles: the reference compose file")
struct ReferenceRolesTests {
    @Test(
        "x-chaoslab in compose/docker-compose.yml gives StackRoles.reference()",
        arguments: [
            [:],
            [
                "CHAOSLAB_AMQP_PORT": "25672", "CHAOSLAB_MANAGEMENT_PORT": "25673", "CHAOSLAB_API_PORT": "28000",
                "CHAOSLAB_HTTP_PORT": "28080", "CHAOSLAB_HTTPS_PORT": "28443", "CHAOSLAB_DASHBOARD_PORT": "28081",
                "CHAOSLAB_AMQP_USER": "u1", "CHAOSLAB_AMQP_PASSWORD": "p1", "CHAOSLAB_API_USER": "u2", "CHAOSLAB_API_PASSWORD": "p2",
            ],
            ["CHAOSLAB_HTTP_PORT": "80", "CHAOSLAB_HTTPS_PORT": "443"],
        ]
    )
    func referenceRoles(environment: [String: String]) throws {
        let resolution = try RolesResolver(environment: environment).resolve(composeFile: RolesFixture.reference)
        #expect(resolution.roles == StackRoles.reference(environment: environment))
        #expect(resolution.missing.isEmpty)
        #expect(resolution.notes.isEmpty)
        // The reference stack counts nothing, so exact-counts alone does not apply.
        #expect(resolution.checks.filter { $0.check != "exact-counts" }.allSatisfy { $0.status == .applies }, "\(resolution.checks.filter { $0.status != .applies })")
        // Everything but broker.host (the published port's default) is declared.
        #expect(resolution.findings.filter { !$0.source.isDeclared }.map(\.field) == [.brokerHost])
    }

    @Test("without its x-chaoslab block, inference finds the reference's services, ports, logins and queue")
    func referenceInferred() throws {
        let text = try String(contentsOfFile: RolesFixture.reference, encoding: .utf8)
        let blockStart = try #require(text.range(of: "\n# What each service is for"))
        let withoutBlock = String(text[..<blockStart.lowerBound])
        let resolution = try RolesResolver(environment: [:]).resolve(composeYAML: withoutBlock, path: RolesFixture.reference)
        let roles = try #require(resolution.roles)
        let reference = StackRoles.reference(environment: [:])
        #expect(roles.broker == reference.broker)
        #expect(roles.workers == reference.workers)
        #expect(roles.workQueue == reference.workQueue)
        #expect(roles.brokerAccess == reference.brokerAccess)
        #expect(roles.api?.service == "api")
        #expect(roles.api?.baseURL == reference.api?.baseURL)
        #expect(roles.api?.proxiedBaseURL == reference.api?.proxiedBaseURL)
        #expect(roles.api?.user == reference.api?.user)
        #expect(roles.api?.password == reference.api?.password)
        #expect(roles.proxy?.baseURL == reference.proxy?.baseURL)
        #expect(roles.proxy?.secureBaseURL == reference.proxy?.secureBaseURL)
        #expect(roles.proxy?.dashboardURL == reference.proxy?.dashboardURL)
        // What only a declaration can say: the dead-letter queue, work time and poison, the
        // fixtures' own log lines.
        #expect(roles.deadLetterQueue == nil)
        #expect(roles.api?.supportsWorkTime == false)
        #expect(resolution.missing.map(\.field) == [.deadLetterQueue, .apiPoisonBodyTemplate])
    }

    @Test("the reference compose file still lints clean with its x-chaoslab block")
    func lintsClean() throws {
        let report = try TraefikLinter.lint(composeFile: RolesFixture.reference, environment: [:])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description))")
    }
}
