/// One volume or bind mount of a service, from the short (`data:/data:ro`) or the long syntax.
public struct ComposeVolumeMount: Sendable, Hashable, Codable {
    /// `volume`, `bind` or `tmpfs`.
    public var type: String
    /// The named volume or host path; `nil` for an anonymous volume.
    public var source: String?
    /// The path inside the container.
    public var target: String
    /// Whether the mount is read-only.
    public var readOnly: Bool

    public init(type: String, source: String?, target: String, readOnly: Bool = false) {
        self.type = type
        self.source = source
        self.target = target
        self.readOnly = readOnly
    }

    /// Reads the short syntax: `TARGET`, or `SOURCE:TARGET[:MODE]`. A source that looks like a
    /// path (`/`, `.`, `~`) is a bind mount; anything else names a volume.
    public init?(shortSyntax text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        if parts.count == 1 {
            self.init(type: "volume", source: nil, target: parts[0])
            return
        }
        let source = parts[0]
        let isPath = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~")
        let modes = parts.count == 3 ? parts[2].split(separator: ",") : []
        self.init(type: isPath ? "bind" : "volume", source: source, target: parts[1], readOnly: modes.contains("ro"))
    }
}
