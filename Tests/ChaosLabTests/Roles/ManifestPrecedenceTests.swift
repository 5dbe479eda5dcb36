@testable import ChaosLab
import Foundation
import Testing

/// The roles manifest: `chaoslab.yml` beside the compose file or `--roles FILE`, below the
/// `x-chaoslab` block and above inference.
@Suite("Roles: the manifest and precedence")
struct ManifestPrecedenceTests {
    @Test("the manifest fills what the block leaves out; the block wins where both speak")
    func blockOverManifestOverInference() throws {
        let block = "work_queue: from-block"
        let manifest = """
            work_queue: from-manifest
            dead_letter_queue: from-manifest.dead
            broker:
              user: manifest-user
            """
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: block), manifest: manifest)
        let roles = try #require(resolution.roles)
        #expect(roles.workQueue == "from-block")
        #expect(resolution.source(of: .workQueue)?.kind == .extensionBlock)
        #expect(roles.deadLetterQueue == "from-manifest.dead")
        #expect(resolution.source(of: .deadLetterQueue) == .manifest("chaoslab.yml", line: 2))
        // The manifest's user wins over RABBITMQ_DEFAULT_USER; the password is still guessed.
        #expect(roles.brokerAccess?.user == "manifest-user")
        #expect(roles.brokerAccess?.password == "lab-secret")
        #expect(resolution.source(of: .brokerPassword)?.kind == .guessed)
        #expect(resolution.manifest == "chaoslab.yml")
    }

    @Test("chaoslab.yml beside the compose file is read; --roles replaces it")
    func manifestFiles() async throws {
        try await withTemporaryDirectory { folder in
            let compose = "\(folder)/docker-compose.yml"
            try RolesFixture.services.write(toFile: compose, atomically: true, encoding: .utf8)
            try "work_queue: beside\n".write(toFile: "\(folder)/chaoslab.yml", atomically: true, encoding: .utf8)
            try "work_queue: given\nworkers: [worker-a]\n".write(toFile: "\(folder)/grading.yml", atomically: true, encoding: .utf8)

            let beside = try RolesFixture.resolve(compose)
            #expect(beside.roles?.workQueue == "beside")
            #expect(beside.manifest == "\(folder)/chaoslab.yml")
            #expect(beside.source(of: .workQueue)?.description == "manifest (\(folder)/chaoslab.yml:1)")

            let given = try RolesFixture.resolve(compose, rolesFile: "\(folder)/grading.yml")
            #expect(given.roles?.workQueue == "given")
            #expect(given.roles?.workers == ["worker-a"])
            #expect(given.manifest == "\(folder)/grading.yml")
        }
    }

    @Test("an empty manifest declares nothing")
    func emptyManifest() throws {
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.services, manifest: "# nothing yet\n")
        #expect(resolution.roles?.workQueue == "jobs")
        #expect(resolution.source(of: .workQueue)?.kind == .guessed)
    }

    @Test("a manifest's field errors name the manifest, without the x-chaoslab prefix")
    func manifestFieldError() throws {
        let error = try #require(RolesFixture.error(yaml: RolesFixture.services, manifest: "broker:\n  amqp_port: five\n"))
        #expect(error.description == "chaoslab.yml:2:14: `broker.amqp_port` must be a port number (1–65535), not \"five\".")
    }

    @Test("a manifest that is not YAML is one line naming it")
    func manifestNotYAML() throws {
        let error = try #require(RolesFixture.error(yaml: RolesFixture.services, manifest: "broker: [unclosed\n"))
        #expect(error.path == "chaoslab.yml")
        #expect(error.description.hasPrefix("chaoslab.yml:"))
        #expect(error.description.contains("invalid YAML"))
    }

    @Test("a missing --roles file and a missing compose file are errors naming them")
    func missingFiles() throws {
        let missingManifest = #expect(throws: RolesInputError.self) {
            try RolesFixture.resolve(RolesFixture.seed("seed-002"), rolesFile: "/nonexistent/chaoslab.yml")
        }
        #expect(missingManifest?.description == "Roles manifest /nonexistent/chaoslab.yml does not exist.")
        let missingCompose = #expect(throws: RolesInputError.self) {
            try RolesFixture.resolve("/nonexistent/docker-compose.yml")
        }
        #expect(missingCompose?.description == "Compose file /nonexistent/docker-compose.yml does not exist.")
    }

    @Test("an unreadable compose file keeps its line")
    func composeNotYAML() throws {
        let error = try #require(RolesFixture.error(yaml: "services:\n  api: [unclosed\n"))
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("docker-compose.yml:"))
    }
}
