/// One HTTP middleware as Traefik's API (`/api/http/middlewares`) reports it, or as the lab
/// reads it from a container's labels: enough to know how it changes a request's path.
public struct TraefikAPIMiddleware: Sendable, Codable, Hashable {
    /// `stripPrefix` settings.
    public struct StripPrefix: Sendable, Codable, Hashable {
        public var prefixes: [String]?

        public init(prefixes: [String]?) {
            self.prefixes = prefixes
        }
    }

    /// `addPrefix` settings.
    public struct AddPrefix: Sendable, Codable, Hashable {
        public var prefix: String?

        public init(prefix: String?) {
            self.prefix = prefix
        }
    }

    /// What a middleware does to the path on the way to the service.
    public enum PathRewrite: Sendable, Hashable {
        /// Leaves the path alone (headers, auth, redirects, rate limits, …).
        case none
        /// Removes the first of these prefixes the path starts with.
        case stripPrefix([String])
        /// Puts this prefix before the path.
        case addPrefix(String)
        /// Changes it in a way the lab does not follow (`replacePath`, `stripPrefixRegex`,
        /// `replacePathRegex`, a `chain`); the type is named.
        case unknown(String)
    }

    /// The name with its provider, e.g. `monitor-strip@docker`.
    public var name: String
    /// Traefik's type name, lower-cased, e.g. `stripprefix`.
    public var type: String?
    public var stripPrefix: StripPrefix?
    public var addPrefix: AddPrefix?
    public var status: String?
    public var provider: String?

    public init(name: String, type: String? = nil, stripPrefix: StripPrefix? = nil, addPrefix: AddPrefix? = nil, status: String? = nil, provider: String? = nil) {
        self.name = name
        self.type = type
        self.stripPrefix = stripPrefix
        self.addPrefix = addPrefix
        self.status = status
        self.provider = provider
    }

    /// How it changes a request's path.
    public var pathRewrite: PathRewrite {
        let kind = type?.lowercased() ?? (stripPrefix != nil ? "stripprefix" : addPrefix != nil ? "addprefix" : "")
        switch kind {
        case "stripprefix": return .stripPrefix(stripPrefix?.prefixes ?? [])
        case "addprefix": return addPrefix?.prefix.map { .addPrefix($0) } ?? .unknown(kind)
        case "replacepath", "replacepathregex", "stripprefixregex", "chain": return .unknown(kind)
        default: return .none
        }
    }
}
