import Foundation

/// The class to grade, from what `chaoslab grade` was given: repositories (a folder or its
/// compose file) and roster files (`name<TAB>path` per line; `#` starts a comment; a relative
/// path is taken from the roster's folder).
///
/// A repository given by path is named after its folder; when two folders share a name (forty
/// clones all called `repo`), each is named after its parent and its folder
/// (`ana-repo`, `luis-repo`), and a number is added if that still collides. A roster's names
/// are its own and must be unique.
public enum Roster {
    /// The submissions `paths` name, in order.
    /// - Throws: ``GradingInputError`` naming the path or the roster line that cannot be used.
    public static func submissions(from paths: [String]) throws(GradingInputError) -> [Submission] {
        var entries: [(name: String, composeFile: String, fromRoster: Bool, folder: URL)] = []
        for path in paths {
            if isRepository(path) {
                let composeFile = try ComposeFileLocator.composeFile(at: path)
                let folder = repositoryFolder(path)
                entries.append((Submission.slug(folder.lastPathComponent), composeFile, false, folder))
            } else {
                for line in try rosterLines(path) {
                    let composeFile = try locate(line.path, roster: path, line: line.number)
                    let name = Submission.slug(line.name)
                    guard !name.isEmpty else {
                        throw GradingInputError(path: path, line: line.number, problem: "the name \"\(line.name)\" has no letter or digit to name a folder with")
                    }
                    if let earlier = entries.first(where: { $0.fromRoster && $0.name == name }) {
                        throw GradingInputError(path: path, line: line.number, problem: "the name \(name) is given twice (also for \(earlier.composeFile)); each student needs a name of their own")
                    }
                    entries.append((name, composeFile, true, URL(fileURLWithPath: composeFile).deletingLastPathComponent()))
                }
            }
        }
        return uniquelyNamed(entries).map { Submission(name: $0.name, composeFile: $0.composeFile) }
    }

    /// Whether `path` names a repository (a folder, or a compose file) rather than a roster.
    static func isRepository(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return true  // The locator says it does not exist.
        }
        return isDirectory.boolValue || path.hasSuffix(".yml") || path.hasSuffix(".yaml")
    }

    /// The repository's folder: `path` itself, or the folder of the compose file it names.
    static func repositoryFolder(_ path: String) -> URL {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        return isDirectory.boolValue ? url : url.deletingLastPathComponent()
    }

    /// One roster line: the student's name and the path of their repository.
    struct Line {
        var number: Int
        var name: String
        var path: String
    }

    static func rosterLines(_ roster: String) throws(GradingInputError) -> [Line] {
        guard let data = FileManager.default.contents(atPath: roster), let text = String(data: data, encoding: .utf8) else {
            throw GradingInputError(path: roster, problem: "it cannot be read as UTF-8 text")
        }
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = raw.prefix { $0 != "#" }.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !content.isEmpty else { continue }
            // A tab separates the name from the path; without one, the first run of spaces does.
            let separator = content.firstIndex(of: "\t") ?? content.firstIndex(of: " ")
            guard let separator else {
                throw GradingInputError(path: roster, line: index + 1, problem: "\"\(content)\" has a name but no path; write name<TAB>path")
            }
            let name = content[..<separator].trimmingCharacters(in: .whitespaces)
            let path = content[content.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else {
                throw GradingInputError(path: roster, line: index + 1, problem: "the line has a name but no path; write name<TAB>path")
            }
            lines.append(Line(number: index + 1, name: name, path: path))
        }
        guard !lines.isEmpty else {
            throw GradingInputError(path: roster, problem: "the roster names no student (write name<TAB>path per line)")
        }
        return lines
    }

    /// The compose file of a roster line's repository, its path taken from the roster's folder.
    static func locate(_ path: String, roster: String, line: Int) throws(GradingInputError) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        let full = expanded.hasPrefix("/")
            ? expanded
            : URL(fileURLWithPath: roster).deletingLastPathComponent().appending(path: expanded).standardizedFileURL.path
        do {
            return try ComposeFileLocator.composeFile(at: full)
        } catch {
            throw GradingInputError(path: roster, line: line, problem: "\(full): \(error.problem)")
        }
    }

    /// The entries with unique names: colliding folder names take their parent's name in
    /// front, then a number.
    static func uniquelyNamed(
        _ entries: [(name: String, composeFile: String, fromRoster: Bool, folder: URL)]
    ) -> [(name: String, composeFile: String)] {
        var names = entries.map(\.name)
        let rosterNames = Set(entries.filter(\.fromRoster).map(\.name))
        let counts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        for index in entries.indices where !entries[index].fromRoster {
            let name = names[index].isEmpty ? "student" : names[index]
            if counts[names[index], default: 0] > 1 || rosterNames.contains(name) || names[index].isEmpty {
                let parent = Submission.slug(entries[index].folder.deletingLastPathComponent().lastPathComponent)
                names[index] = parent.isEmpty ? name : "\(parent)-\(name)"
            }
        }
        var used: Set<String> = []
        for index in names.indices {
            var candidate = names[index]
            var number = 2
            while used.contains(candidate) {
                candidate = "\(names[index])-\(number)"
                number += 1
            }
            used.insert(candidate)
            names[index] = candidate
        }
        return zip(names, entries).map { ($0, $1.composeFile) }
    }
}
