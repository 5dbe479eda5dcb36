@testable import ChaosLab
import Foundation
import Testing

@Suite("Traefik static configuration")
struct TraefikStaticConfigTests {
    static func service(command: [String] = [], environment: [String: String?] = [:]) -> ComposeService {
        ComposeService(name: "proxy", line: 3, image: "traefik:v3.7", environment: environment, command: command)
    }

    @Test("flags: --key=value, --key value, bare --key; option names are case-insensitive")
    func flags() {
        let settings = TraefikStaticConfigLoader.flags(
            ["traefik", "--entryPoints.WebSecure.address=:443", "--api.insecure", "--log.level", "DEBUG", "--ping"],
            service: Self.service(),
            file: "c.yml"
        )
        #expect(settings.map(\.path) == ["entrypoints.WebSecure.address", "api.insecure", "log.level", "ping"])
        #expect(settings.map(\.value) == [":443", "", "DEBUG", ""])
        #expect(settings.first?.written == "--entryPoints.WebSecure.address")
        let config = TraefikStaticConfig(service: "proxy", source: .flags, settings: settings)
        #expect(config.entryPoints.keys.sorted() == ["WebSecure", "traefik"])
        #expect(config.entryPoints["WebSecure"]?.port == 443)
        #expect(config.entryPoints["WebSecure"]?.expectsTLS == true)
        #expect(config.entryPoints["traefik"]?.isImplicit == true)
    }

    @Test("Traefik's defaults: an http entry point on :80, exposedByDefault true, v3 rules")
    func defaults() {
        let config = TraefikStaticConfig(service: "proxy", source: .defaults, settings: [])
        #expect(config.entryPoints["http"]?.address == ":80")
        #expect(config.exposedByDefault.value)
        #expect(config.defaultRuleSyntax == .v3)
        #expect(!config.hasLabelProvider)
    }

    @Test("entry point TLS, resolvers, provider settings")
    func settings() {
        let settings = [
            "entrypoints.websecure.address=:443", "entrypoints.websecure.http.tls.certresolver=le",
            "certificatesresolvers.le.acme.email=a@b.c", "providers.docker.exposedbydefault=false",
            "core.defaultrulesyntax=v2", "entrypoints.web.address=:80",
        ].map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            return TraefikSetting(path: parts[0], value: parts[1], file: "c.yml")
        }
        let config = TraefikStaticConfig(service: "proxy", source: .flags, settings: settings)
        #expect(config.entryPoints["websecure"]?.tlsByDefault == true)
        #expect(config.entryPoints["websecure"]?.certResolver?.value == "le")
        #expect(config.certificateResolvers.keys.sorted() == ["le"])
        #expect(config.exposedByDefault.value == false)
        #expect(config.defaultRuleSyntax == .v2)
    }

    @Test("TRAEFIK_ variables when there are no flags")
    func environment() throws {
        let yaml = """
            services:
              proxy:
                image: traefik:v3.7
                environment:
                  TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT: "false"
                  TRAEFIK_ENTRYPOINTS_WEB_ADDRESS: ":80"
              api:
                image: a
                expose: ["80"]
                labels:
                  - traefik.http.routers.api.entrypoints=web
                  - traefik.http.routers.api.rule=Path(`/`)
            """
        let report = try TraefikLinter.lint(yaml: yaml)
        #expect(report.staticConfiguration == "environment")
        #expect(report.findings.map(\.rule) == [.missingEnable])
    }

    @Test("YAML and TOML files read to the same settings")
    func files() throws {
        let yaml = """
            entryPoints:
              web:
                address: ":80"
              websecure:
                address: ":443"
                http:
                  tls: {}
            providers:
              docker:
                exposedByDefault: false
            certificatesResolvers:
              le:
                acme:
                  tlsChallenge: {}
            """
        let toml = """
            # Traefik's static configuration
            [entryPoints]
              [entryPoints.web]
                address = ":80"
              [entryPoints.websecure]
                address = ":443"
                [entryPoints.websecure.http.tls]

            [providers.docker]
              exposedByDefault = false

            [certificatesResolvers.le.acme]
              tlsChallenge = {}
              caServer = "https://acme.example/dir" # a comment
              domains = [
                "a.com",
                'b.com',
              ]
            """
        let fromYAML = TraefikStaticConfig(service: "p", source: .defaults, settings: try TraefikStaticFileReader.yamlSettings(yaml, file: "t.yml"))
        let fromTOML = TraefikStaticConfig(service: "p", source: .defaults, settings: try TOMLSubsetReader(text: toml, file: "t.toml").settings())
        for config in [fromYAML, fromTOML] {
            #expect(config.entryPoints.keys.sorted() == ["web", "websecure"])
            #expect(config.entryPoints["websecure"]?.tlsByDefault == true)
            #expect(config.exposedByDefault.value == false)
            #expect(config.certificateResolvers.keys.sorted() == ["le"])
        }
        #expect(fromTOML.setting("certificatesresolvers.le.acme.domains")?.value == "a.com,b.com")
        #expect(fromTOML.setting("certificatesresolvers.le.acme.caserver")?.value == "https://acme.example/dir")
        #expect(fromYAML.setting("entrypoints.websecure.address")?.line == 5)
        #expect(fromTOML.setting("entrypoints.websecure.address")?.line == 6)
    }

    @Test("a mounted file wins over flags, which are reported as ignored")
    func fileWinsOverFlags() async throws {
        try await withTemporaryDirectory { directory in
            let compose = """
                services:
                  traefik:
                    image: traefik:v3.7
                    command: ["--entrypoints.web.address=:80", "--providers.docker=true"]
                    volumes:
                      - ./conf:/etc/traefik:ro
                  api:
                    image: a
                    expose: ["80"]
                    labels:
                      - traefik.http.routers.api.entrypoints=web
                      - traefik.http.routers.api.rule=Path(`/`)
                """
            try FileManager.default.createDirectory(atPath: "\(directory)/conf", withIntermediateDirectories: true)
            try compose.write(toFile: "\(directory)/docker-compose.yml", atomically: true, encoding: .utf8)
            try "[entryPoints.http]\n  address = \":8000\"\n[providers.docker]\n".write(toFile: "\(directory)/conf/traefik.toml", atomically: true, encoding: .utf8)
            let report = try TraefikLinter.lint(composeFile: "\(directory)/docker-compose.yml", environment: [:])
            #expect(report.staticConfiguration?.hasSuffix("conf/traefik.toml") == true)
            #expect(report.findings.map(\.rule).sorted { $0.rawValue < $1.rawValue } == [.staticConfiguration, .unknownEntryPoint])
            #expect(report.findings.first { $0.rule == .staticConfiguration }?.label == "--entrypoints.web.address")
        }
    }

    @Test("a mounted file that does not exist is an error; flags are read instead")
    func missingMountedFile() throws {
        let yaml = """
            services:
              traefik:
                image: traefik:v3.7
                command: ["--entrypoints.web.address=:80", "--providers.docker=true"]
                volumes:
                  - ./nowhere/traefik.yml:/etc/traefik/traefik.yml:ro
            """
        let report = try TraefikLinter.lint(yaml: yaml, path: "/nonexistent/docker-compose.yml")
        #expect(report.staticConfiguration == "flags")
        #expect(report.findings.map(\.rule) == [.staticConfiguration])
        #expect(report.findings.first?.severity == .error)
    }

    @Test("a static file that is not YAML is unreadable input, naming the file and line")
    func badStaticFile() async throws {
        try await withTemporaryDirectory { directory in
            let compose = "services:\n  traefik:\n    image: traefik\n    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml\n"
            try compose.write(toFile: "\(directory)/docker-compose.yml", atomically: true, encoding: .utf8)
            try "entryPoints:\n  web:\n    address: [\":80\"\n".write(toFile: "\(directory)/traefik.yml", atomically: true, encoding: .utf8)
            let error = try #require(throws: LintInputError.self) {
                try TraefikLinter.lint(composeFile: "\(directory)/docker-compose.yml", environment: [:])
            }
            #expect(error.description.contains("traefik.yml:"))
            #expect(error.description.contains("cannot be read: invalid YAML"))
        }
    }

    @Test("an entry point's resolver and the ACME challenge entry point must be declared")
    func staticReferences() throws {
        let flags = [
            "--providers.docker=true", "--entrypoints.websecure.address=:443", "--entrypoints.websecure.http.tls.certresolver=le",
            "--certificatesresolvers.myresolver.acme.httpchallenge.entrypoint=web",
        ]
        let findings = try LintFixture.findings(LintFixture.compose(labels: [], flags: flags))
        #expect(Set(findings.map(\.rule)) == [.unknownCertResolver, .unknownEntryPoint, .exposedByDefault])
        #expect(findings.first { $0.rule == .unknownCertResolver }?.label == "--entrypoints.websecure.http.tls.certresolver")
    }

    @Test("no Traefik service: a note says what was not checked")
    func noTraefik() throws {
        let yaml = "services:\n  api:\n    image: a\n    expose: [\"80\"]\n    labels:\n      - traefik.http.routers.api.rule=Path(`/`)\n"
        let report = try TraefikLinter.lint(yaml: yaml)
        #expect(report.findings.map(\.severity) == [.info])
        #expect(report.traefikService == nil)
    }

    @Test("no docker provider: the labels are never read")
    func noProvider() throws {
        let findings = try LintFixture.findings(LintFixture.compose(labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)"], flags: ["--entrypoints.web.address=:80"]))
        #expect(findings.map(\.rule) == [.staticConfiguration])
    }

    @Test("a Traefik v1 or v2 image is called out: the lint checks v3")
    func olderImage() throws {
        #expect(TraefikLinter.olderTraefik("traefik:v2.10") == 2)
        #expect(TraefikLinter.olderTraefik("traefik:1.7-alpine") == 1)
        #expect(TraefikLinter.olderTraefik("traefik:v3.7") == nil)
        #expect(TraefikLinter.olderTraefik("traefik:latest") == nil)
        #expect(TraefikLinter.olderTraefik("registry:5000/traefik") == nil)
        let yaml = LintFixture.compose(labels: LabelCase.routed + ["traefik.http.routers.api.rule=Path(`/`)"]).replacingOccurrences(of: "traefik:v3.7", with: "traefik:v2.11")
        let findings = try LintFixture.findings(yaml)
        #expect(findings.map(\.rule) == [.staticConfiguration])
        #expect(findings.first?.label == "image")
    }
}
