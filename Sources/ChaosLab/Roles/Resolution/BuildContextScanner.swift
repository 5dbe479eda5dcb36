import Foundation

/// Reads a service's build context: its Dockerfile's command, and its Python, JavaScript and
/// TypeScript sources line by line for routes, queues and AMQP calls (pika, amqplib, Flask,
/// FastAPI, Express). Bounded: a few levels deep, a few hundred files, vendored folders skipped.
struct BuildContextScanner {
    /// The compose file's folder; build contexts and reported file names are relative to it.
    var base: URL

    static let sourceExtensions: Set<String> = ["py", "js", "mjs", "cjs", "ts"]
    static let skippedFolders: Set<String> = ["node_modules", ".git", "venv", ".venv", "env", "__pycache__", "dist", "site-packages", ".tox", ".mypy_cache"]
    static let maximumDepth = 4
    static let maximumFiles = 300
    static let maximumFileSize = 512 * 1024

    /// Scans the context `context` (as written under `build:`) with its `dockerfile`; `nil`
    /// when the context is not a folder here (a Git URL, a missing folder).
    func scan(context: String, dockerfile: String?) -> BuildContextScan? {
        guard !context.contains("://") else { return nil }
        let folder = URL(fileURLWithPath: context, relativeTo: base).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        var scan = BuildContextScan()
        let dockerfileURL = URL(fileURLWithPath: dockerfile ?? "Dockerfile", relativeTo: folder).standardizedFileURL
        if let text = try? String(contentsOf: dockerfileURL, encoding: .utf8) {
            scan.dockerfileCommand = Self.dockerfileCommand(text)
            scan.workdir = Self.workdir(text)
            scan.dockerfile = relative(dockerfileURL)
        }
        let patterns = SourcePatterns()
        for file in sourceFiles(in: folder) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            patterns.read(text, file: relative(file), into: &scan)
        }
        return scan
    }

    /// Source files under `folder`, sorted, within the bounds.
    func sourceFiles(in folder: URL) -> [URL] {
        var found: [URL] = []
        var queue: [(URL, Int)] = [(folder, 0)]
        while let (directory, depth) = queue.first, found.count < Self.maximumFiles {
            queue.removeFirst()
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            for name in names {
                let url = directory.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if depth < Self.maximumDepth, !Self.skippedFolders.contains(name), !name.hasPrefix(".") {
                        queue.append((url, depth + 1))
                    }
                } else if Self.sourceExtensions.contains(url.pathExtension.lowercased()),
                          let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
                          size <= Self.maximumFileSize {
                    found.append(url)
                }
            }
        }
        return Array(found.prefix(Self.maximumFiles))
    }

    /// `url`'s path relative to the compose file's folder, when it is inside it.
    private func relative(_ url: URL) -> String {
        let basePath = base.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(basePath + "/") else { return path }
        return String(path.dropFirst(basePath.count + 1))
    }

    /// The words of the last `ENTRYPOINT` followed by those of the last `CMD` (JSON or shell
    /// form; continuation lines joined).
    static func dockerfileCommand(_ text: String) -> [String] {
        var entrypoint: [String] = []
        var command: [String] = []
        let joined = text.replacingOccurrences(of: "\\\r\n", with: " ").replacingOccurrences(of: "\\\n", with: " ")
        for rawLine in joined.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0].uppercased() {
            case "CMD": command = words(parts[1])
            case "ENTRYPOINT": entrypoint = words(parts[1])
            case "FROM": (entrypoint, command) = ([], [])
            default: break
            }
        }
        return entrypoint + command
    }

    /// The last `WORKDIR` of the last stage, made absolute (a relative one builds on the one
    /// before it, from `/`).
    static func workdir(_ text: String) -> String? {
        var directory: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let parts = rawLine.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0].uppercased() {
            case "FROM": directory = nil
            case "WORKDIR":
                let path = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
                directory = path.hasPrefix("/") ? path : ((directory ?? "") + "/" + path)
            default: break
            }
        }
        return directory
    }

    private static func words(_ argument: String) -> [String] {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String] {
            return array
        }
        return (try? ShellWords.split(trimmed)) ?? trimmed.split(separator: " ").map(String.init)
    }
}
