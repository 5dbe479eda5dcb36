import Foundation

/// The stack could not be taken down after a run: containers, networks or volumes of the
/// project may remain. The message says why and how to remove it by hand.
public struct TeardownError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The compose project.
    public var project: String
    /// What the driver said, on one line.
    public var problem: String
    /// The commands that remove the stack by hand.
    public var removal: String

    public init(project: String, problem: String, removal: String) {
        self.project = project
        self.problem = problem
        self.removal = removal
    }

    /// Wraps what the driver threw.
    public init(project: String, error: any Error, removal: String) {
        let line = "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        self.init(project: project, problem: line.sentenceBody, removal: removal)
    }

    public var description: String {
        "the stack of project \(project) could not be removed (\(problem)); remove it with \(removal)."
    }
}
