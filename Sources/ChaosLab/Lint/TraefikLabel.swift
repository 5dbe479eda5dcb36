/// One `traefik.…` container label as the lint reads it: its key, its value after compose's
/// interpolation, its value as written, and its line.
public struct TraefikLabel: Sendable, Hashable {
    /// The key as written.
    public var key: String
    /// The value compose hands to Docker (`$$` already turned into `$`, variables replaced).
    public var value: String
    /// The value as written in the compose file.
    public var written: String
    /// The line, counted from 1, when known.
    public var line: Int?

    public init(key: String, value: String, written: String? = nil, line: Int? = nil) {
        self.key = key
        self.value = value
        self.written = written ?? value
        self.line = line
    }

    /// The key's dot-separated segments, lower-cased (Traefik matches option names without
    /// regard to case) and with list indexes such as `[0]` removed.
    var segments: [String] {
        key.split(separator: ".", omittingEmptySubsequences: false).map { segment in
            var text = segment.lowercased()
            if let bracket = text.firstIndex(of: "[") { text = String(text[..<bracket]) }
            return text
        }
    }

    /// The value as a Go boolean (`true`, `1`, `t`, `TRUE` …); `nil` when it is not one.
    var boolValue: Bool? {
        switch value.trimmingCharacters(in: .whitespaces) {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }

    /// A comma-separated list value, trimmed, without empty entries.
    var list: [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
