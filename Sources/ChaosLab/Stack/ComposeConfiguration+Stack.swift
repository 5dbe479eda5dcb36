import Foundation

extension ComposeConfiguration {
    /// A project name of its own for a stack the lab did not write: `chaoslab-` and the compose
    /// file's folder (`~/grading/Parcial_2/docker-compose.yml` → `chaoslab-parcial_2`), so that
    /// running it never takes down the reference stack's project, nor another student's.
    public static func stackProjectName(for composeFile: String) -> String {
        let folder = URL(fileURLWithPath: composeFile).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        var name = String(folder.lowercased().map { allowed.contains($0) ? $0 : "-" })
        while name.hasPrefix("-") || name.hasPrefix("_") { name.removeFirst() }
        while name.contains("--") { name = name.replacingOccurrences(of: "--", with: "-") }
        return name.isEmpty || name == "-" ? "\(defaultProjectName)-stack" : "\(defaultProjectName)-\(name)"
    }
}
