import Foundation

/// One student's repository to grade: a name of its own (its folder in the class's output, its
/// row in the summary, its compose project) and the compose file of its stack.
public struct Submission: Sendable, Codable, Hashable {
    /// Unique within a class; letters, digits, `-`, `_` and `.` only, so it names a folder and
    /// a compose project as it is.
    public var name: String
    /// The compose file of the student's stack.
    public var composeFile: String

    public init(name: String, composeFile: String) {
        self.name = name
        self.composeFile = composeFile
    }

    /// The compose project a grading run uses: `chaoslab-grade-<name>`, so no two students'
    /// stacks, nor the reference stack, share one.
    public var projectName: String {
        "\(ComposeConfiguration.defaultProjectName)-grade-\(Self.slug(name.lowercased()))"
    }

    /// `text` with every character a folder or project name cannot hold replaced by `-`, runs
    /// of them squeezed, and no leading or trailing separator; empty when nothing is left.
    static func slug(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        var slug = String(text.map { allowed.contains($0) ? $0 : "-" })
        while slug.contains("--") { slug = slug.replacingOccurrences(of: "--", with: "-") }
        let separators = Set("-_.")
        while let first = slug.first, separators.contains(first) { slug.removeFirst() }
        while let last = slug.last, separators.contains(last) { slug.removeLast() }
        return slug
    }
}
