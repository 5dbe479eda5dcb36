import ChaosLab

/// A stack whose essential roles are unknown, so no check could run on it.
struct IncompleteRoles: Error, CustomStringConvertible, LabError, InputError {
    var composeFile: String
    var missing: [String]

    var description: String {
        "\(composeFile): no check can run without \(missing.joined(separator: ", ")); declare them in its x-chaoslab block or in chaoslab.yml (`chaoslab inspect \(composeFile)` shows what was found)."
    }
}
