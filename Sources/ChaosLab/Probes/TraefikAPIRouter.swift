/// One HTTP router as Traefik's API (`/api/http/routers`) reports it.
public struct TraefikAPIRouter: Sendable, Codable, Hashable {
    /// TLS settings of a router.
    public struct TLS: Sendable, Codable, Hashable {
        public var certResolver: String?
        public var options: String?
    }

    /// The router's name with its provider, e.g. `api@docker`.
    public var name: String
    public var rule: String
    public var entryPoints: [String]?
    public var service: String?
    public var middlewares: [String]?
    public var tls: TLS?
    /// `enabled`, `disabled` or `warning`.
    public var status: String?
    public var provider: String?

    public init(name: String, rule: String, entryPoints: [String]? = nil, service: String? = nil, middlewares: [String]? = nil, tls: TLS? = nil, status: String? = nil, provider: String? = nil) {
        self.name = name
        self.rule = rule
        self.entryPoints = entryPoints
        self.service = service
        self.middlewares = middlewares
        self.tls = tls
        self.status = status
        self.provider = provider
    }

    /// Whether the rule's path matchers (`Path`, `PathPrefix`) would take `path`. Host and
    /// other matchers are not judged; a rule without path matchers takes every path, one that
    /// does not parse takes none.
    public func servesPath(_ path: String) -> Bool {
        guard let matchers = try? RuleSyntax.parse(rule).matchers else { return false }
        let prefixes = Self.arguments(of: "PathPrefix", in: matchers)
        let exact = Self.arguments(of: "Path", in: matchers)
        if prefixes.isEmpty && exact.isEmpty { return true }
        return prefixes.contains { path.hasPrefix($0) } || exact.contains(path)
    }

    /// The router in one line: `api-secure@docker PathPrefix(`/api`) on websecure, TLS, enabled`.
    public var summary: String {
        var text = "\(name) \(rule) on \((entryPoints ?? ["every entrypoint"]).joined(separator: ","))"
        if let tls { text += ", TLS" + (tls.certResolver.map { " (resolver \($0))" } ?? "") }
        if let middlewares, !middlewares.isEmpty { text += ", middlewares \(middlewares.joined(separator: ","))" }
        return text + ", \(status ?? "status unknown")"
    }

    /// The string arguments of every `matcher(…)` in `rule`, read with the lint's rule parser;
    /// none when the rule does not parse.
    static func arguments(of matcher: String, in rule: String) -> [String] {
        guard let matchers = try? RuleSyntax.parse(rule).matchers else { return [] }
        return arguments(of: matcher, in: matchers)
    }

    private static func arguments(of matcher: String, in matchers: [RuleMatcher]) -> [String] {
        matchers.filter { $0.name == matcher }.flatMap { $0.arguments.map(\.value) }
    }
}
