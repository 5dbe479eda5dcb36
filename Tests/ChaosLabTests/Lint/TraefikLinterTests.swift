@testable import ChaosLab
import Foundation
import Testing

@Suite("Traefik lint: label table")
struct TraefikLinterTests {
    static let cases: [LabelCase] = [
        // Clean label sets.
        LabelCase(name: "a routed service", labels: LabelCase.routed + ["traefik.http.routers.api.rule=PathPrefix(`/api`)"], expected: []),
        LabelCase.rule("Host(`a.example.com`) || Host(`b.example.com`)"),
        LabelCase.rule("HostRegexp(`^[a-z]+\\.example\\.com$$`) && !PathPrefix(`/admin`)"),
        LabelCase.rule("ClientIP(`10.0.0.0/8`) && Method(`POST`)"),
        LabelCase.rule("Header(`X-Client`, `a`) || HeaderRegexp(`X-Client`, `^b`) || Query(`mobile`, `true`)"),
        LabelCase.rule("PathRegexp(`^/users/[0-9]+$$`)"),
        // A compose label needs `$$` for a literal `$`, also at the end of a regular expression.
        LabelCase.rule("PathRegexp(`^/users/[0-9]+$`)", [.unescapedDollar]),
        LabelCase.rule("pathprefix(`/api`) && PATH(`/api/health`)"),
        LabelCase.rule("(Host(`a.com`) && PathPrefix(`/api`)) || Path(`/health`)"),
        LabelCase(
            name: "TLS router with a declared resolver",
            labels: LabelCase.routed.dropLast(2) + [
                "traefik.http.routers.api.rule=Host(`a.com`)", "traefik.http.routers.api.entrypoints=websecure",
                "traefik.http.routers.api.tls.certresolver=le",
            ],
            expected: []
        ),
        LabelCase(
            name: "middleware defined beside the router, one from a file provider",
            labels: LabelCase.routed + [
                "traefik.http.routers.api.rule=PathPrefix(`/api`)", "traefik.http.routers.api.middlewares=strip,auth@file",
                "traefik.http.middlewares.strip.stripprefix.prefixes=/api",
            ],
            expected: []
        ),
        LabelCase(
            name: "basicauth hash with every $ doubled",
            labels: LabelCase.routed + [
                "traefik.http.routers.api.rule=PathPrefix(`/api`)", "traefik.http.routers.api.middlewares=auth",
                "traefik.http.middlewares.auth.basicauth.users=admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/",
            ],
            expected: []
        ),
        LabelCase(
            name: "dashboard router to api@internal",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=PathPrefix(`/dashboard`)", "traefik.http.routers.api.service=api@internal"],
            expected: []
        ),
        LabelCase(
            name: "websecure entry point that turns TLS on itself",
            labels: LabelCase.routed.dropLast(2) + ["traefik.http.routers.api.rule=Host(`a.com`)", "traefik.http.routers.api.entrypoints=websecure"],
            flags: LintFixture.flags + ["--entrypoints.websecure.http.tls=true"],
            expected: []
        ),
        LabelCase(
            name: "v2 rule on a router that asks for the v2 syntax (deprecated)",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Host(`a.com`, `b.com`)", "traefik.http.routers.api.rulesyntax=v2"],
            expected: [.ruleV2Syntax]
        ),

        // Rule syntax: v2-only forms.
        LabelCase.rule("Host(`a.com`, `b.com`)", [.ruleV2Syntax]),
        LabelCase.rule("HostRegexp(`{sub:[a-z]+}.example.com`)", [.ruleV2Syntax]),
        LabelCase.rule("Headers(`X-Client`, `a`)", [.ruleV2Syntax]),
        LabelCase.rule("HeadersRegexp(`X-Client`, `^a`)", [.ruleV2Syntax]),
        LabelCase.rule("Query(`mobile=true`)", [.ruleV2Syntax]),
        LabelCase.rule("Path(`/users/{id:[0-9]+}`)", [.ruleV2Syntax]),
        LabelCase.rule("PathPrefix(`/a`, `/b`)", [.ruleV2Syntax]),
        // Rule syntax: what no version accepts.
        LabelCase.rule("PathPrefix(`/api`", [.ruleSyntax]),
        LabelCase.rule("PathPrefix(`/api)", [.ruleSyntax]),
        LabelCase.rule("PathPrefix(`/api`))", [.ruleSyntax]),
        LabelCase.rule("Pathprefix(`/api`) && Domain(`a.com`)", [.ruleSyntax]),
        LabelCase.rule("pathPrefix(`/api`)", [.ruleSyntax]),
        LabelCase.rule("PathPrefix('/api')", [.ruleSyntax]),
        LabelCase.rule("PathPrefix(`api`)", [.ruleSyntax]),
        LabelCase.rule("Host(`a.com`) and Path(`/x`)", [.ruleSyntax]),
        LabelCase.rule("Header(`X-Client`)", [.ruleSyntax]),
        LabelCase.rule("ClientIP(`10.0.0.300`)", [.ruleSyntax]),
        LabelCase.rule("PathRegexp(`^/(?!admin)`)", [.ruleSyntax]),
        LabelCase.rule("Host:example.com", [.ruleSyntax]),
        LabelCase.rule("", [.ruleSyntax]),

        // References to the static configuration and to other labels.
        LabelCase(
            name: "unknown entry point",
            labels: LabelCase.routed.dropLast(2) + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=http"],
            expected: [.unknownEntryPoint]
        ),
        LabelCase(
            name: "undeclared certificate resolver",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.tls.certresolver=letsencrypt"],
            expected: [.unknownCertResolver]
        ),
        LabelCase(
            name: "undefined middleware, plain and @docker",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.middlewares=auth,strip@docker"],
            expected: [.unknownMiddleware]
        ),
        LabelCase(
            name: "middleware only on a container Traefik ignores",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.middlewares=auth"],
            more: "  other:\n    image: x\n    labels:\n      - traefik.http.middlewares.auth.basicauth.users=a:b\n",
            expected: [.unknownMiddleware, .missingEnable]
        ),
        LabelCase(
            name: "router to an undefined service",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.service=backend"],
            expected: [.unknownService]
        ),

        // Ports.
        LabelCase(
            name: "several exposed ports and no port label",
            labels: ["traefik.enable=true", "traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=web"],
            more: "    ports: [\"127.0.0.1:9000:9000\"]\n",
            expected: [.servicePort]
        ),
        LabelCase(
            name: "one exposed port and no port label",
            labels: ["traefik.enable=true", "traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=web"],
            expected: []
        ),

        // `$` in labels.
        LabelCase(
            name: "apr1 hash with single $",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.middlewares.auth.basicauth.users=admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"],
            expected: [.unescapedDollar]
        ),
        LabelCase(
            name: "bcrypt hash with single $",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.middlewares.auth.basicauth.users=admin:$2y$05$abcdefghijklmnopqrstuv"],
            expected: [.unescapedDollar]
        ),
        LabelCase(
            name: "regular expression ending in a single $",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.middlewares.r.redirectregex.regex=^http://(.*)$"],
            expected: [.unescapedDollar]
        ),

        // Opting in, TLS entry points, label keys.
        LabelCase(
            name: "router labels without traefik.enable",
            labels: ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=web"],
            expected: [.missingEnable]
        ),
        LabelCase(
            name: "exposedByDefault left true with an unlabelled container",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)"],
            flags: LintFixture.flags.filter { !$0.contains("exposedbydefault") },
            more: "  worker:\n    image: example/worker\n",
            expected: [.exposedByDefault]
        ),
        LabelCase(
            name: "router on websecure without TLS",
            labels: LabelCase.routed.dropLast(2) + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=websecure"],
            expected: [.tlsEntryPoint]
        ),
        LabelCase(
            name: "router on an entry point named https without TLS",
            labels: LabelCase.routed.dropLast(2) + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=https"],
            flags: LintFixture.flags + ["--entrypoints.https.address=:8443"],
            expected: [.tlsEntryPoint]
        ),
        LabelCase(
            name: "router option typo",
            labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoint=web"],
            expected: [.unknownLabel]
        ),
        LabelCase(
            name: "Traefik v1 labels",
            labels: ["traefik.enable=true", "traefik.frontend.rule=Host:a.com", "traefik.port=8000"],
            expected: [.v1Label]
        ),
        LabelCase(
            name: "router without rule",
            labels: LabelCase.routed,
            expected: [.defaultRule]
        ),
    ]

    @Test("each label set triggers exactly its checks", arguments: cases)
    func labelTable(_ row: LabelCase) throws {
        let rules = try LintFixture.rules(labels: row.labels, flags: row.flags, more: row.more)
        #expect(rules == row.expected)
    }

    @Test("every check is triggered by some row, and some row is clean")
    func tableCoversEveryCheck() {
        let triggered = Set(Self.cases.flatMap(\.expected))
        let covered = triggered.union([.staticConfiguration])
        #expect(covered == Set(LintRule.allCases))
        #expect(Self.cases.contains { $0.expected.isEmpty })
    }

    @Test("map-form labels are read like list-form ones, with their lines")
    func mapForm() throws {
        let yaml = """
            services:
              traefik:
                image: traefik:v3.7
                command: --providers.docker.exposedbydefault=false --entrypoints.web.address=:80
              api:
                image: example/api
                expose: [8000]
                labels:
                  traefik.enable: true
                  traefik.http.routers.api.rule: Host(`a.com`, `b.com`)
                  traefik.http.routers.api.entrypoints: web
            """
        let findings = try LintFixture.findings(yaml)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.rule == .ruleV2Syntax)
        #expect(finding.line == 10)
        #expect(finding.service == "api")
        #expect(finding.label == "traefik.http.routers.api.rule")
        #expect(finding.description.hasPrefix("docker-compose.yml:10: service 'api' label 'traefik.http.routers.api.rule': error: "))
    }

    @Test("variables in labels are interpolated before rules are checked")
    func interpolatedRule() throws {
        let yaml = LintFixture.compose(labels: LabelCase.routed + ["traefik.http.routers.api.rule=PathPrefix(`${PREFIX:-/api}`)"])
        #expect(try LintFixture.findings(yaml).isEmpty)
        let report = try TraefikLinter.lint(yaml: yaml, environment: ["PREFIX": "api"])
        #expect(report.findings.map(\.rule) == [.ruleSyntax])
    }

    @Test("a Swarm provider reads deploy.labels")
    func swarmLabels() throws {
        let yaml = """
            services:
              traefik:
                image: traefik:v3.7
                command: ["--providers.swarm=true", "--providers.swarm.exposedbydefault=false", "--entrypoints.web.address=:80"]
              api:
                image: example/api
                expose: ["8000"]
                labels:
                  - traefik.enable=true
                deploy:
                  labels:
                    - traefik.enable=true
                    - traefik.http.routers.api.rule=Headers(`X`, `y`)
                    - traefik.http.routers.api.entrypoints=web
            """
        #expect(try LintFixture.findings(yaml).map(\.rule) == [.ruleV2Syntax])
    }

    @Test("a Dockerfile without EXPOSE makes a missing port label an error")
    func dockerfilePorts() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: "\(directory)/api", withIntermediateDirectories: true)
            let labels = ["traefik.enable=true", "traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=web"]
            let yaml = LintFixture.compose(labels: labels).replacingOccurrences(of: "    expose: [\"8000\"]\n", with: "    build: ./api\n")
            try yaml.write(toFile: "\(directory)/docker-compose.yml", atomically: true, encoding: .utf8)
            try "FROM python:3.12-slim\nCMD [\"flask\", \"run\"]\n".write(toFile: "\(directory)/api/Dockerfile", atomically: true, encoding: .utf8)
            let missing = try TraefikLinter.lint(composeFile: "\(directory)/docker-compose.yml", environment: [:])
            #expect(missing.findings.map(\.rule) == [.servicePort])
            #expect(missing.findings.first?.severity == .error)
            #expect(missing.findings.first?.label == "traefik.http.services.api.loadbalancer.server.port")
            try "FROM python:3.12-slim\nEXPOSE 5000\n".write(toFile: "\(directory)/api/Dockerfile", atomically: true, encoding: .utf8)
            let exposed = try TraefikLinter.lint(composeFile: "\(directory)/docker-compose.yml", environment: [:])
            #expect(exposed.findings.isEmpty)
        }
    }

    @Test("a registry image whose ports cannot be seen gives a note, not a failure")
    func unknownImagePorts() throws {
        let labels = ["traefik.enable=true", "traefik.http.routers.api.rule=Path(`/`)", "traefik.http.routers.api.entrypoints=web"]
        let yaml = LintFixture.compose(labels: labels).replacingOccurrences(of: "    expose: [\"8000\"]\n", with: "")
        let report = try TraefikLinter.lint(yaml: yaml)
        #expect(report.findings.map(\.severity) == [.info])
        #expect(report.isClean)
        #expect(report.exitStatus == 0)
    }

    @Test("the RabbitMQ management image exposes several ports")
    func rabbitmqPorts() {
        #expect(ExposedPorts.known(image: "rabbitmq:3-management")?.contains(15672) == true)
        #expect(ExposedPorts.known(image: "rabbitmq:3.13")?.contains(15672) == false)
        #expect(ExposedPorts.known(image: "docker.io/library/nginx:1.27") == [80])
        #expect(ExposedPorts.known(image: "example/api") == nil)
    }
}
