/// One HTTP router as Traefik's API (`/api/http/routers`) reports it, or as the lab reads it
/// from a container's labels.
public struct TraefikAPIRouter: Sendable, Codable, Hashable {
    /// TLS settings of a router.
    public struct TLS: Sendable, Codable, Hashable {
        public var certResolver: String?
        public var options: String?

        public init(certResolver: String? = nil, options: String? = nil) {
            self.certResolver = certResolver
            self.options = options
        }
    }

    /// The router's name with its provider, e.g. `api@docker`.
    public var name: String
    public var rule: String
    public var entryPoints: [String]?
    /// The entry points Traefik attached it to (its API's `using`), when it says.
    public var using: [String]?
    public var service: String?
    public var middlewares: [String]?
    public var tls: TLS?
    /// `enabled`, `disabled` or `warning`.
    public var status: String?
    /// Why Traefik disabled it or warns about it.
    public var error: [String]?
    public var provider: String?

    public init(
        name: String, rule: String, entryPoints: [String]? = nil, service: String? = nil, middlewares: [String]? = nil,
        tls: TLS? = nil, status: String? = nil, provider: String? = nil, using: [String]? = nil, error: [String]? = nil
    ) {
        self.name = name
        self.rule = rule
        self.entryPoints = entryPoints
        self.using = using
        self.service = service
        self.middlewares = middlewares
        self.tls = tls
        self.status = status
        self.error = error
        self.provider = provider
    }

    /// Whether Traefik made it itself (`api@internal`, `ping@internal`, …).
    public var isInternal: Bool {
        name.hasSuffix("@internal")
    }

    /// Whether it routes: Traefik says `enabled` or `warning`, or says nothing (a label).
    public var isEnabled: Bool {
        status.map { $0 != "disabled" } ?? true
    }

    /// Whether it leads to Traefik's own API (`api@internal`), which the dashboard reads.
    public var servesTraefikAPI: Bool {
        service == "api@internal"
    }

    /// The host names its `Host` matchers take, in rule order.
    public var hosts: [String] {
        Self.arguments(of: "Host", in: rule)
    }

    /// The literal paths its `Path` and `PathPrefix` matchers name, in rule order.
    public var literalPaths: [String] {
        guard let matchers = try? RuleSyntax.parse(rule).matchers else { return [] }
        return matchers.filter { ["path", "pathprefix"].contains($0.name.lowercased()) }.flatMap { $0.arguments.map(\.value) }
    }

    /// Whether the rule's path matchers (`Path`, `PathPrefix`) would take `path`. Host and
    /// other matchers are not judged; a rule without path matchers takes every path, one that
    /// does not parse takes none.
    public func servesPath(_ path: String) -> Bool {
        matches(path: path, host: nil)
    }

    /// Whether the rule takes a request for `path` with Host `host`, judging `Path`,
    /// `PathPrefix`, `PathRegexp`, `Host` and `HostRegexp` with `&&`, `||` and `!`; other
    /// matchers (headers, methods, queries) and a `nil` host count as taken. A rule that does
    /// not parse takes nothing.
    public func matches(path: String, host: String?) -> Bool {
        guard let expression = try? RuleSyntax.parse(rule) else { return false }
        return Self.evaluate(expression, path: path, host: host) ?? true
    }

    /// The router in one line: `api-secure@docker PathPrefix(`/api`) on websecure, TLS, enabled`.
    public var summary: String {
        var text = "\(name) \(rule) on \((entryPoints ?? using ?? ["every entrypoint"]).joined(separator: ","))"
        if let tls { text += ", TLS" + (tls.certResolver.map { " (resolver \($0))" } ?? "") }
        if let middlewares, !middlewares.isEmpty { text += ", middlewares \(middlewares.joined(separator: ","))" }
        if let service { text += ", service \(service)" }
        return text + ", \(status ?? "status unknown")" + (error.map { ": " + $0.joined(separator: "; ") } ?? "")
    }

    /// The string arguments of every `matcher(…)` in `rule` (any case of its name), read with
    /// the lint's rule parser; none when the rule does not parse.
    static func arguments(of matcher: String, in rule: String) -> [String] {
        guard let matchers = try? RuleSyntax.parse(rule).matchers else { return [] }
        return matchers.filter { $0.name.lowercased() == matcher.lowercased() }.flatMap { $0.arguments.map(\.value) }
    }

    /// `true` or `false` where the request decides the expression, `nil` where only matchers
    /// the lab does not judge do.
    private static func evaluate(_ expression: RuleExpression, path: String, host: String?) -> Bool? {
        switch expression {
        case .matcher(let matcher):
            return judge(matcher, path: path, host: host)
        case .not(let inner):
            return evaluate(inner, path: path, host: host).map { !$0 }
        case .and(let left, let right):
            let (l, r) = (evaluate(left, path: path, host: host), evaluate(right, path: path, host: host))
            if l == false || r == false { return false }
            return l == nil && r == nil ? nil : true
        case .or(let left, let right):
            let (l, r) = (evaluate(left, path: path, host: host), evaluate(right, path: path, host: host))
            if l == true || r == true { return true }
            // An unjudged side may take the request; only two refusals refuse it.
            return l == false && r == false ? false : nil
        }
    }

    private static func judge(_ matcher: RuleMatcher, path: String, host: String?) -> Bool? {
        let values = matcher.arguments.map(\.value)
        switch matcher.name.lowercased() {
        case "path": return values.contains(path)
        case "pathprefix": return values.contains { path.hasPrefix($0) }
        case "pathregexp": return values.contains { matchesRegex($0, path) ?? true }
        case "host":
            guard let host else { return nil }
            return values.contains { $0.lowercased() == host.lowercased() }
        case "hostregexp":
            guard let host else { return nil }
            return values.contains { matchesRegex($0, host) ?? true }
        default: return nil
        }
    }

    /// Whether Go-style `pattern` matches somewhere in `text`; `nil` when it does not compile here.
    private static func matchesRegex(_ pattern: String, _ text: String) -> Bool? {
        guard let regex = try? Regex(pattern) else { return nil }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
