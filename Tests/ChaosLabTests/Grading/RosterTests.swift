@testable import ChaosLab
import Foundation
import Testing

/// Naming a class: repositories by folder, roster files, and names that never collide.
@Suite("Grading: the roster")
struct RosterTests {
    /// Makes `folder/relative` with a compose file named `file` in it; returns the folder.
    @discardableResult
    static func repository(_ root: String, _ relative: String, file: String = "docker-compose.yml") throws -> String {
        let folder = URL(fileURLWithPath: root).appending(path: relative)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("services: {}\n".utf8).write(to: folder.appending(path: file))
        return folder.path
    }

    @Test("forty clones all called repo get their parent's name, and a number only if that still collides")
    func collidingFolders() async throws {
        try await withTemporaryDirectory { root in
            let ana = try Self.repository(root, "ana/repo")
            let luis = try Self.repository(root, "luis/repo")
            let solo = try Self.repository(root, "parcial_2")
            let again = try Self.repository(root, "x/ana/repo")
            let submissions = try Roster.submissions(from: [ana, luis, solo, again])
            #expect(submissions.map(\.name) == ["ana-repo", "luis-repo", "parcial_2", "ana-repo-2"])
            #expect(Set(submissions.map(\.projectName)).count == 4)
            #expect(submissions[0].projectName == "chaoslab-grade-ana-repo")
            #expect(submissions[2].composeFile == solo + "/docker-compose.yml")
        }
    }

    @Test("a roster names each student; comments, blank lines and relative paths are read as written")
    func rosterFile() async throws {
        try await withTemporaryDirectory { root in
            try Self.repository(root, "subs/ana")
            try Self.repository(root, "subs/luis/deploy", file: "compose.yaml")
            let roster = root + "/class.tsv"
            try "# the class of 2026\nAna Pérez\tsubs/ana\n\nluis  subs/luis   # deploy/ holds the compose file\n".write(toFile: roster, atomically: true, encoding: .utf8)
            let submissions = try Roster.submissions(from: [roster])
            #expect(submissions.map(\.name) == ["Ana-P-rez", "luis"])
            #expect(submissions[1].composeFile.hasSuffix("subs/luis/deploy/compose.yaml"))
        }
    }

    @Test("a roster line that cannot be used is an error naming the file and the line")
    func badRosterLines() async throws {
        try await withTemporaryDirectory { root in
            try Self.repository(root, "ana")
            let cases = [
                ("ana\tana\nana\tana\n", "class.tsv:2: the name ana is given twice"),
                ("ana\tana\nluis\tmissing\n", "class.tsv:2: \(root)/missing: it does not exist."),
                ("ana\n", "class.tsv:1: \"ana\" has a name but no path; write name<TAB>path."),
                ("# nobody\n", "class.tsv: the roster names no student"),
            ]
            for (text, message) in cases {
                try text.write(toFile: root + "/class.tsv", atomically: true, encoding: .utf8)
                let error = #expect(throws: GradingInputError.self) { try Roster.submissions(from: [root + "/class.tsv"]) }
                #expect(error?.description.hasPrefix(root + "/" + message) == true, "\(error?.description ?? "")")
            }
        }
    }

    @Test("the compose file is the one compose picks, else the only one a level down; none is an error")
    func locator() async throws {
        try await withTemporaryDirectory { root in
            let both = try Self.repository(root, "both")
            try Data("services: {}\n".utf8).write(to: URL(fileURLWithPath: both).appending(path: "compose.yaml"))
            #expect(try ComposeFileLocator.composeFile(at: both) == both + "/compose.yaml")
            let nested = try Self.repository(root, "nested/infra")
            #expect(try ComposeFileLocator.composeFile(at: root + "/nested") == nested + "/docker-compose.yml")
            try FileManager.default.createDirectory(atPath: root + "/empty/src", withIntermediateDirectories: true)
            let error = #expect(throws: GradingInputError.self) { try ComposeFileLocator.composeFile(at: root + "/empty") }
            #expect(error?.description == "\(root)/empty: it holds no compose file (looked for compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml in it and a level down).")
            try Self.repository(root, "two/a")
            try Self.repository(root, "two/b")
            let two = #expect(throws: GradingInputError.self) { try ComposeFileLocator.composeFile(at: root + "/two") }
            #expect(two?.description.contains("several a level down") == true)
        }
    }
}
