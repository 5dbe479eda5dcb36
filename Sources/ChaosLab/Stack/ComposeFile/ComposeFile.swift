/// A compose file as the lab reads it: its services, top-level networks and volumes, and its
/// extension blocks (`x-…`, among them `x-chaoslab`) kept as data.
///
/// Load one with ``load(path:environment:)``.
public struct ComposeFile: Sendable, Hashable, Codable {
    /// The path the file was read from.
    public var path: String
    /// The top-level `name:`, if any.
    public var name: String?
    /// The services, in file order.
    public var services: [ComposeService]
    /// Top-level networks by key; `.null` for a network declared without options.
    public var networks: [String: YAMLValue]
    /// Top-level volumes by key; `.null` for a volume declared without options.
    public var volumes: [String: YAMLValue]
    /// Top-level extension blocks (keys starting with `x-`) as written, without interpolation.
    public var extensions: [String: YAMLValue]
    /// Variables used without a value and without a default while loading, sorted; compose
    /// replaces them with empty text and warns.
    public var unsetVariables: [String]

    public init(
        path: String,
        name: String? = nil,
        services: [ComposeService] = [],
        networks: [String: YAMLValue] = [:],
        volumes: [String: YAMLValue] = [:],
        extensions: [String: YAMLValue] = [:],
        unsetVariables: [String] = []
    ) {
        self.path = path
        self.name = name
        self.services = services
        self.networks = networks
        self.volumes = volumes
        self.extensions = extensions
        self.unsetVariables = unsetVariables
    }

    /// The `x-chaoslab` block (roles, queue, credentials of the stack under test), if present.
    public var chaoslab: YAMLValue? {
        extensions["x-chaoslab"]
    }

    /// The names of the services, in file order.
    public var serviceNames: [String] {
        services.map(\.name)
    }

    /// The service with this key, if any.
    public func service(named name: String) -> ComposeService? {
        services.first { $0.name == name }
    }
}
