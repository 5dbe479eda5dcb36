import ChaosLab
import Foundation
import Logging

/// The example student stacks in `examples/`, graded the way `chaoslab run --stack` grades a
/// student's repository: roles resolved from the compose file, its own project, every check.
enum ExampleStack {
    /// `examples/<name>/docker-compose.yml` in this package.
    static func composeFile(_ name: String) -> String {
        LiveStack.packageRoot + "/examples/\(name)/docker-compose.yml"
    }

    /// The roles the lab resolves for the example, as `chaoslab inspect` shows them.
    static func resolution(_ name: String) throws -> RolesResolution {
        let file = composeFile(name)
        return try RolesResolver(environment: RolesResolver.environment(forComposeFile: file)).resolve(composeFile: file)
    }

    /// Runs every catalogued check on the example, with the reference stack taken down first
    /// (both publish the same loopback ports). The session always takes the example down.
    static func runAllChecks(_ name: String) async throws -> [String: CheckResult] {
        try await KnobState.shared.release()
        guard let roles = try resolution(name).roles else {
            throw ExampleStackError(name: name)
        }
        let file = composeFile(name)
        let configuration = ComposeConfiguration(projectName: ComposeConfiguration.stackProjectName(for: file), composeFile: file)
        let logger = Logger(label: "chaoslab.tests.\(name)")
        let session = LabSession(stack: ComposeDriver(configuration: configuration, logger: logger), roles: roles, logger: logger)
        // Its own project, so its own lock: the session takes it. A run that stopped early or
        // left the example behind fails the test.
        let results = try await session.run(CheckCatalogue.all).completeResults()
        return Dictionary(results.map { ($0.check, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The example's roles miss the broker, the workers or the work queue.
struct ExampleStackError: Error, CustomStringConvertible {
    var name: String
    var description: String {
        "The roles of examples/\(name) are incomplete: run `chaoslab inspect examples/\(name)/docker-compose.yml`."
    }
}
