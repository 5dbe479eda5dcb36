import Foundation
import Yams

extension ComposeFile {
    /// Reads and parses the compose file at `path`, interpolating with this process's
    /// environment as compose would.
    /// - Throws: ``ComposeFileError`` naming the path, and the line where there is one.
    public static func load(path: String) throws(ComposeFileError) -> ComposeFile {
        try load(path: path, environment: ProcessInfo.processInfo.environment)
    }

    /// Reads and parses the compose file at `path`.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - environment: the variables `${…}` expressions see, as compose would see them; `nil`
    ///     keeps every value as written (a lint that checks `$$` wants that).
    /// - Throws: ``ComposeFileError`` naming the path, and the line where there is one.
    public static func load(
        path: String,
        environment: [String: String]?
    ) throws(ComposeFileError) -> ComposeFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ComposeFileError(path: path, code: .missingFile)
        }
        guard !isDirectory.boolValue else {
            throw ComposeFileError(path: path, code: .unreadable(reason: "it is a directory"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ComposeFileError(path: path, code: .unreadable(reason: error.localizedDescription))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ComposeFileError(path: path, code: .unreadable(reason: "it is not UTF-8 text"))
        }
        return try parse(yaml: text, path: path, environment: environment)
    }

    /// Parses compose YAML held in memory.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - path: the name errors use for it.
    ///   - environment: as for ``load(path:environment:)``.
    public static func parse(
        yaml: String,
        path: String = "docker-compose.yml",
        environment: [String: String]?
    ) throws(ComposeFileError) -> ComposeFile {
        let root = try rootNode(yaml: yaml, path: path, environment: environment)
        guard case .mapping(let entries) = root.node.kind else {
            throw ComposeFileError(path: path, line: root.node.line, code: .invalidContent(problem: "the top level must be a mapping"))
        }
        var file = ComposeFile(path: path, unsetVariables: root.unset.sorted())
        for (key, node) in entries {
            switch key {
            case "name":
                file.name = node.text
            case "services":
                file.services = try ServiceReader(path: path, interpolated: environment != nil).services(node)
            case "networks":
                file.networks = try namedEntries(node, key: key, path: path)
            case "volumes":
                file.volumes = try namedEntries(node, key: key, path: path)
            default:
                break
            }
        }
        // Extension blocks are kept as written: a later reader interpolates what it uses.
        let raw = try rootNode(yaml: yaml, path: path, environment: nil)
        if case .mapping(let rawEntries) = raw.node.kind {
            for (key, node) in rawEntries where key.hasPrefix("x-") {
                file.extensions[key] = node.value
            }
        }
        return file
    }

    /// The document's root with positions, interpolated with `environment` when given.
    static func rootNode(
        yaml: String,
        path: String,
        environment: [String: String]?
    ) throws(ComposeFileError) -> (node: YAMLNode, unset: Set<String>) {
        let parsed: Node?
        do {
            parsed = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ComposeFileError(path: path, yamlError: error)
        } catch {
            throw ComposeFileError(path: path, code: .invalidYAML(problem: String(describing: error)))
        }
        guard let parsed else {
            throw ComposeFileError(path: path, code: .invalidContent(problem: "the file is empty"))
        }
        let interpolation = environment.map(InterpolationPass.init(environment:))
        do {
            let node = try YAMLNode(parsed, interpolation: interpolation)
            return (node, interpolation?.unset ?? [])
        } catch {
            throw ComposeFileError(
                path: path,
                line: error.line,
                column: error.column,
                code: .invalidInterpolation(problem: error.error.description)
            )
        }
    }

    private static func namedEntries(_ node: YAMLNode, key: String, path: String) throws(ComposeFileError) -> [String: YAMLValue] {
        switch node.kind {
        case .mapping(let entries):
            return Dictionary(entries.map { ($0.key, $0.node.value) }, uniquingKeysWith: { _, last in last })
        case .scalar(_, .null):
            return [:]
        default:
            throw ComposeFileError(path: path, line: node.line, column: node.column, code: .invalidContent(problem: "`\(key)` must be a mapping"))
        }
    }
}

extension ComposeFileError {
    /// Maps a Yams error to one line with the position of the problem.
    init(path: String, yamlError: YamlError) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var text = problem
            if let context {
                text += " (\(context.text) at line \(context.mark.line))"
            }
            self.init(path: path, line: mark.line, column: mark.column, code: .invalidYAML(problem: text))
        case .reader(let problem, let offset, _, let yaml):
            let line = offset.map { offset in yaml.prefix(offset).filter(\.isNewline).count + 1 }
            self.init(path: path, line: line, code: .invalidYAML(problem: problem))
        default:
            let firstLine = yamlError.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            self.init(path: path, code: .invalidYAML(problem: firstLine))
        }
    }
}
