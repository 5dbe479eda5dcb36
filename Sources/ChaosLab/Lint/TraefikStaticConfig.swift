/// Traefik's static configuration as far as the lint needs it: entry points, certificate
/// resolvers and the docker provider's settings, with Traefik's defaults filled in.
///
/// Traefik reads its static configuration from one source only: a configuration file if it
/// finds one, else its command-line flags, else `TRAEFIK_…` environment variables.
public struct TraefikStaticConfig: Sendable, Hashable {
    /// Where the settings came from.
    public enum Source: Sendable, Hashable {
        /// The `command:` of the Traefik service.
        case flags
        /// A traefik.yml or traefik.toml on the host, mounted into the container.
        case file(path: String)
        /// `TRAEFIK_…` variables in the Traefik service's `environment:`.
        case environment
        /// Nothing: Traefik's defaults.
        case defaults
    }

    /// The compose service that runs Traefik.
    public var service: String
    public var source: Source
    /// Every setting, in the order read.
    public var settings: [TraefikSetting]
    /// Entry points by name, the implicit ones included.
    public var entryPoints: [String: TraefikEntryPoint]
    /// Certificate resolver names, each with the first setting that declares it.
    public var certificateResolvers: [String: TraefikSetting]

    public init(service: String, source: Source, settings: [TraefikSetting]) {
        self.service = service
        self.source = source
        self.settings = settings
        entryPoints = [:]
        certificateResolvers = [:]
        for setting in settings {
            let segments = setting.segments
            guard segments.count >= 2 else { continue }
            switch segments[0] {
            case "entrypoints":
                let name = segments[1]
                var entryPoint = entryPoints[name] ?? TraefikEntryPoint(name: name)
                let option = segments.dropFirst(2).joined(separator: ".")
                if option == "address" { entryPoint.address = setting.value }
                if option == "http.tls" ? setting.boolValue != false : option.hasPrefix("http.tls.") {
                    entryPoint.tlsByDefault = true
                }
                if option == "http.tls.certresolver" { entryPoint.certResolver = setting }
                entryPoints[name] = entryPoint
            case "certificatesresolvers":
                if certificateResolvers[segments[1]] == nil { certificateResolvers[segments[1]] = setting }
            default:
                break
            }
        }
        if entryPoints.isEmpty {
            entryPoints["http"] = TraefikEntryPoint(name: "http", address: ":80", isImplicit: true)
        }
        let api = setting("api.insecure")?.boolValue == true
        let ping = setting("ping")?.boolValue == true || settings.contains { $0.path.hasPrefix("ping.") }
        if (api || ping), entryPoints["traefik"] == nil {
            entryPoints["traefik"] = TraefikEntryPoint(name: "traefik", address: ":8080", isImplicit: true)
        }
    }

    /// The last setting at `path` (already normalised), if any.
    public func setting(_ path: String) -> TraefikSetting? {
        settings.last { $0.path == path }
    }

    /// The provider reading container labels: `docker`, else `swarm` when only that is on.
    public var labelProvider: String {
        settings.contains { $0.path == "providers.swarm" || $0.path.hasPrefix("providers.swarm.") }
            && !settings.contains { $0.path == "providers.docker" || $0.path.hasPrefix("providers.docker.") }
            ? "swarm" : "docker"
    }

    /// Whether the docker (or swarm) provider is on at all.
    public var hasLabelProvider: Bool {
        settings.contains { setting in
            let path = setting.path
            return path.hasPrefix("providers.docker") || path.hasPrefix("providers.swarm")
        }
    }

    /// `providers.docker.exposedByDefault`, whose default is true, with its setting if written.
    public var exposedByDefault: (value: Bool, setting: TraefikSetting?) {
        let written = setting("providers.\(labelProvider).exposedbydefault")
        return (written?.boolValue ?? true, written)
    }

    /// `providers.docker.defaultRule`, if set.
    public var defaultRule: TraefikSetting? {
        setting("providers.\(labelProvider).defaultrule")
    }

    /// `core.defaultRuleSyntax`: the syntax of rules on routers that do not set their own.
    public var defaultRuleSyntax: RuleDialect {
        setting("core.defaultrulesyntax").flatMap { RuleDialect(rawValue: $0.value.lowercased()) } ?? .v3
    }
}
