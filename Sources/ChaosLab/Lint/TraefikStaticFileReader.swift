import Foundation
import Yams

/// Turns a traefik.yml or traefik.toml into ``TraefikSetting``s, one per leaf value, each with
/// its line.
enum TraefikStaticFileReader {
    /// The settings of the file at `path` (YAML or, by its extension, TOML).
    static func settings(path: String, displayPath: String) throws(LintInputError) -> [TraefikSetting] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .staticFile(path: displayPath, line: nil, problem: "the file cannot be read as UTF-8 text")
        }
        if path.lowercased().hasSuffix(".toml") {
            return try TOMLSubsetReader(text: text, file: displayPath).settings()
        }
        return try yamlSettings(text, file: displayPath)
    }

    static func yamlSettings(_ text: String, file: String) throws(LintInputError) -> [TraefikSetting] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let composeError = ComposeFileError(path: file, yamlError: error)
            throw .staticFile(path: file, line: composeError.line, problem: "invalid YAML")
        } catch {
            throw .staticFile(path: file, line: nil, problem: "invalid YAML")
        }
        guard let root else { return [] }
        var settings: [TraefikSetting] = []
        flatten(root, path: [], file: file, into: &settings)
        return settings
    }

    private static func flatten(_ node: Node, path: [String], file: String, into settings: inout [TraefikSetting]) {
        let joined = path.joined(separator: ".")
        let line = node.mark?.line
        switch node {
        case .mapping(let mapping):
            if mapping.count == 0, !path.isEmpty {
                settings.append(TraefikSetting(path: joined, value: "", file: file, line: line))
            }
            for (key, value) in mapping {
                flatten(value, path: path + [key.string ?? ""], file: file, into: &settings)
            }
        case .sequence(let sequence):
            let items = sequence.map { $0.string ?? "" }
            settings.append(TraefikSetting(path: joined, value: items.joined(separator: ","), file: file, line: line))
        case .scalar(let scalar):
            let value = node.tag.rawValue == Tag.Name.null.rawValue ? "" : scalar.string
            settings.append(TraefikSetting(path: joined, value: value, file: file, line: line))
        case .alias:
            break
        }
    }
}
