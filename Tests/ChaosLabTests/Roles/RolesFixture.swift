@testable import ChaosLab
import Foundation

/// Compose files and manifests for the roles tests.
enum RolesFixture {
    /// The folder of roles fixture stacks, one per seed.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Roles")

    /// The repository's root folder.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The reference compose file.
    static let reference = repository.appendingPathComponent("compose/docker-compose.yml").path

    /// The compose file of a seed fixture, e.g. `seed-002`.
    static func seed(_ name: String) -> String {
        fixtures.appendingPathComponent("\(name)/docker-compose.yml").path
    }

    /// Resolves a fixture with only its own `.env` (not this process's environment), so the
    /// result does not depend on who runs the tests.
    static func resolve(_ path: String, rolesFile: String? = nil, environment: [String: String] = [:]) throws -> RolesResolution {
        let variables = ComposeEnvironmentFile.variables(besideComposeFile: path).merging(environment) { _, given in given }
        return try RolesResolver(environment: variables).resolve(composeFile: path, rolesFile: rolesFile)
    }

    /// Resolves compose YAML held in memory.
    static func resolve(yaml: String, manifest: String? = nil, environment: [String: String] = [:]) throws(RolesInputError) -> RolesResolution {
        try RolesResolver(environment: environment).resolve(composeYAML: yaml, path: "docker-compose.yml", manifestYAML: manifest)
    }

    /// The error resolving `yaml` throws; `nil` when it resolves.
    static func error(yaml: String, manifest: String? = nil, environment: [String: String] = [:]) -> RolesInputError? {
        do {
            _ = try resolve(yaml: yaml, manifest: manifest, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    /// A small stack every role can be found in: a broker, an API, two workers, Traefik.
    static let services = """
        services:
          mq:
            image: rabbitmq:3-management
            ports: ["127.0.0.1:5673:5672", "15673:15672"]
            environment:
              RABBITMQ_DEFAULT_USER: lab
              RABBITMQ_DEFAULT_PASS: lab-secret
          web:
            image: example/web
            ports: ["8001:5000"]
            environment:
              WORK_QUEUE: jobs
              API_USER: api-user
              API_PASSWORD: api-secret
            labels:
              traefik.http.routers.web.rule: PathPrefix(`/api`)
          worker-a:
            image: example/worker
          worker-b:
            image: example/worker
          edge:
            image: traefik:v3.1
            command: ["--providers.docker=true", "--entrypoints.web.address=:80", "--entrypoints.websecure.address=:443"]
            ports: ["8880:80", "8443:443"]
        """

    /// `services` with an `x-chaoslab` block (`block` is indented by two spaces under the key).
    static func compose(block: String, services: String = services) -> String {
        services + "\nx-chaoslab:\n" + block.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n") + "\n"
    }
}
