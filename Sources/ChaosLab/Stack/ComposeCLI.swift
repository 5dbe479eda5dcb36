/// The compose command line this machine has: the Docker CLI plugin (`docker compose`, v2) or
/// the standalone program (`docker-compose`, v1).
public enum ComposeCLI: String, Sendable, Hashable, Codable, CaseIterable {
    /// `docker compose` (v2).
    case plugin = "docker compose"
    /// `docker-compose` (v1, or a v2 binary installed under that name).
    case standalone = "docker-compose"

    /// The program to run.
    public var executable: String {
        switch self {
        case .plugin: "docker"
        case .standalone: "docker-compose"
        }
    }

    /// The arguments before compose's own.
    public var leadingArguments: [String] {
        switch self {
        case .plugin: ["compose"]
        case .standalone: []
        }
    }

    /// A command running compose with `arguments`.
    public func command(_ arguments: [String], environment: [String: String] = [:], timeout: Duration? = nil) -> Command {
        Command(executable, leadingArguments + arguments, environment: environment, timeout: timeout)
    }

    /// Finds the compose command that works here, preferring v2: the first of
    /// `docker compose version` and `docker-compose version` that succeeds.
    /// - Parameters:
    ///   - runner: runs the probes.
    ///   - project: the compose project the command will serve.
    ///   - timeout: the deadline for each probe.
    /// - Throws: ``StackError`` with ``StackError/Code/composeUnavailable(reason:)`` listing why
    ///   each failed; `CancellationError`.
    public static func detect(
        using runner: any CommandRunning,
        project: String,
        timeout: Duration = .seconds(30)
    ) async throws -> ComposeCLI {
        var reasons: [String] = []
        for candidate in allCases {
            do {
                let result = try await runner.run(candidate.command(["version"], timeout: timeout))
                if result.succeeded {
                    return candidate
                }
                let said = result.lastErrorLines(1).first ?? result.status.description
                reasons.append("`\(candidate.rawValue) version` failed (\(said))")
            } catch let error as CommandError {
                reasons.append(String(error.description.dropLast(error.description.hasSuffix(".") ? 1 : 0)))
            }
        }
        throw StackError(project: project, code: .composeUnavailable(reason: reasons.joined(separator: "; ")))
    }
}
