import Foundation

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
    /// other matchers are not judged; a rule without path matchers takes every path.
    public func servesPath(_ path: String) -> Bool {
        let prefixes = Self.arguments(of: "PathPrefix", in: rule)
        let exact = Self.arguments(of: "Path", in: rule)
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

    /// The backquoted arguments of every `matcher(…)` in `rule` (`Path(` does not match
    /// `PathPrefix(`).
    static func arguments(of matcher: String, in rule: String) -> [String] {
        var results: [String] = []
        var rest = Substring(rule)
        while let range = rest.range(of: matcher + "(") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard before.map({ !$0.isLetter }) ?? true else { continue }
            guard let close = rest.firstIndex(of: ")") else { break }
            let inside = rest[..<close]
            results += inside.split(separator: ",").compactMap { argument in
                let trimmed = argument.trimmingCharacters(in: .whitespaces)
                guard trimmed.count >= 2, let first = trimmed.first, first == trimmed.last, "`\"".contains(first) else { return nil }
                return String(trimmed.dropFirst().dropLast())
            }
            rest = rest[close...]
        }
        return results
    }
}
