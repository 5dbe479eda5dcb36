/// A stack operation that could not be done. Messages are one line and name the project, the
/// service and what was seen.
public struct StackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// Neither `docker compose` nor `docker-compose` answers.
        case composeUnavailable(reason: String)
        /// A service did not become ready before the deadline.
        case notReady(service: String, seen: String, deadline: Duration)
        /// A service's instance stopped for good while the stack was coming up.
        case exited(service: String, exitCode: Int)
        /// The target names a service (or instance) that has no container.
        case noInstance(target: ServiceTarget)
        /// Something of the project was still there after `down`.
        case leftovers(containers: [String], networks: [String], volumes: [String])
        /// Docker's answer could not be read.
        case unexpectedOutput(command: String, problem: String)
        /// The target's file could not be extracted from what `docker cp` returned.
        case unreadableFile(path: String, problem: String)
        /// A configuration value is invalid.
        case invalidConfiguration(problem: String)
    }

    /// The stack (compose project) concerned.
    public var project: String
    /// What went wrong.
    public var code: Code
    /// The last lines the service concerned wrote, oldest first, where they help.
    public var logTail: [String]

    public init(project: String, code: Code, logTail: [String] = []) {
        self.project = project
        self.code = code
        self.logTail = logTail
    }

    public var description: String {
        let sentence: String
        switch code {
        case .composeUnavailable(let reason):
            sentence = "Neither `docker compose` (v2) nor `docker-compose` (v1) can be run: \(reason)"
        case .notReady(let service, let seen, let deadline):
            sentence = "Service `\(service)` of project `\(project)` was not ready within \(deadline.secondsText) (\(seen))"
        case .exited(let service, let exitCode):
            sentence = "Service `\(service)` of project `\(project)` exited with code \(exitCode) while the stack was coming up"
        case .noInstance(let target):
            sentence = "Project `\(project)` has no container for `\(target)`"
        case .leftovers(let containers, let networks, let volumes):
            let parts = [("containers", containers), ("networks", networks), ("volumes", volumes)]
                .filter { !$0.1.isEmpty }
                .map { "\($0.0) \($0.1.joined(separator: ", "))" }
            sentence = "Project `\(project)` still has \(parts.joined(separator: "; ")) after `down`"
        case .unexpectedOutput(let command, let problem):
            sentence = "`\(command)` answered something unexpected: \(problem)"
        case .unreadableFile(let path, let problem):
            sentence = "Cannot read \(path) from project `\(project)`: \(problem)"
        case .invalidConfiguration(let problem):
            sentence = problem
        }
        guard !logTail.isEmpty else { return sentence + "." }
        return sentence + "; last log lines: " + logTail.joined(separator: " | ")
    }
}
