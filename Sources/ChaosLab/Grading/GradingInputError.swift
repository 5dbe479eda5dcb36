/// A path, roster, weights file or flag given to `chaoslab grade` that cannot be used; the
/// message names the file (and line) and what is wrong with it. Nothing has been started.
public struct GradingInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder concerned.
    public var path: String
    /// The line of `path`, when the problem is on one.
    public var line: Int?
    /// What is wrong, as the end of a sentence.
    public var problem: String

    public init(path: String, line: Int? = nil, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)."
    }
}
