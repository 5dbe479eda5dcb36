import Foundation

/// The `.env` file compose reads from the compose file's folder: the variables it adds to the
/// shell's for interpolation (the shell's win).
public enum ComposeEnvironmentFile {
    /// The variables of the `.env` file beside the compose file at `composePath`; empty when
    /// there is none or it cannot be read.
    public static func variables(besideComposeFile composePath: String) -> [String: String] {
        let folder = URL(fileURLWithPath: composePath).deletingLastPathComponent()
        guard let text = try? String(contentsOf: folder.appendingPathComponent(".env"), encoding: .utf8) else {
            return [:]
        }
        return parse(text)
    }

    /// `KEY=VALUE` lines; blank lines and `#` comments are skipped, an `export ` prefix is
    /// allowed, and one pair of matching quotes around a value is removed.
    public static func parse(_ text: String) -> [String: String] {
        var variables: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("export ") {
                line = String(line.dropFirst("export ".count)).trimmingCharacters(in: .whitespaces)
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            } else if let comment = value.range(of: " #") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard !key.isEmpty else { continue }
            variables[key] = value
        }
        return variables
    }
}
