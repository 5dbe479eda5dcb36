/// One static configuration value of Traefik, wherever it came from: a command-line flag, a
/// `TRAEFIK_…` environment variable, or a leaf of traefik.yml / traefik.toml.
public struct TraefikSetting: Sendable, Hashable {
    /// The dotted path with option names lower-cased and the names of entry points and
    /// certificate resolvers kept as written: `entrypoints.websecure.http.tls.certresolver`.
    public var path: String
    /// The value as text; empty for a flag given without value or a section without options.
    public var value: String
    /// How the setting is written where it came from (`--entryPoints.web.address`), for findings.
    public var written: String
    /// The file it is in: the compose file for flags and variables, else the static file.
    public var file: String
    /// The line, counted from 1, when known.
    public var line: Int?

    public init(path: String, value: String, written: String? = nil, file: String, line: Int? = nil) {
        self.path = Self.normalized(path)
        self.value = value
        self.written = written ?? path
        self.file = file
        self.line = line
    }

    /// Lower-cases a dotted path except for the segment after `entrypoints` and
    /// `certificatesresolvers`, which names something.
    static func normalized(_ path: String) -> String {
        var segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < segments.count {
            let lower = segments[index].lowercased()
            segments[index] = lower
            if ["entrypoints", "certificatesresolvers"].contains(lower), index == 0 {
                index += 2
                continue
            }
            index += 1
        }
        return segments.joined(separator: ".")
    }

    /// The path's segments.
    var segments: [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The value as a boolean; a flag given without value counts as true.
    var boolValue: Bool? {
        switch value.lowercased() {
        case "", "true", "1", "t": true
        case "false", "0", "f": false
        default: nil
        }
    }
}
