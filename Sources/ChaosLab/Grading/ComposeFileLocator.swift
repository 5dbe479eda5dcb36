import Foundation

/// Finds the compose file of a repository: the path itself when it is a file, else the file
/// compose itself would pick in the folder (`compose.yaml`, `compose.yml`,
/// `docker-compose.yaml`, `docker-compose.yml`, in that order), else the only one a level
/// down (a `deploy/` or `infra/` folder).
public enum ComposeFileLocator {
    /// The names compose looks for, in its order of preference.
    public static let names = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    /// The compose file at or in `path`.
    /// - Throws: ``GradingInputError`` when `path` does not exist, or holds no compose file,
    ///   or holds several a level down and none at the top.
    public static func composeFile(at path: String) throws(GradingInputError) -> String {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GradingInputError(path: path, problem: "it does not exist")
        }
        guard isDirectory.boolValue else { return path }
        let folder = URL(fileURLWithPath: path)
        if let top = firstComposeFile(in: folder) {
            return top
        }
        let subfolders = ((try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])) ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let nested = subfolders.compactMap(firstComposeFile(in:))
        switch nested.count {
        case 1:
            return nested[0]
        case 0:
            throw GradingInputError(path: path, problem: "it holds no compose file (looked for \(names.joined(separator: ", ")) in it and a level down)")
        default:
            throw GradingInputError(path: path, problem: "it holds no compose file at its top and several a level down (\(nested.joined(separator: ", "))); name one")
        }
    }

    private static func firstComposeFile(in folder: URL) -> String? {
        names.lazy.map { folder.appending(path: $0).path }.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}
