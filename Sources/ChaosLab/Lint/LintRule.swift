/// The checks the Traefik lint makes, one identifier each; `docs/lint.md` explains every one
/// under a heading of the same name.
public enum LintRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// A router rule that Traefik v3 cannot parse: unbalanced parentheses or backticks, an
    /// unknown matcher, a wrong number of arguments, an empty rule.
    case ruleSyntax = "rule-syntax"
    /// A router rule written in Traefik v2's syntax, which v3 refuses or reads differently.
    case ruleV2Syntax = "rule-v2-syntax"
    /// A router without a rule: the provider's default rule applies.
    case defaultRule = "default-rule"
    /// A router on an entry point the static configuration does not declare.
    case unknownEntryPoint = "unknown-entrypoint"
    /// A certificate resolver used but not declared in the static configuration.
    case unknownCertResolver = "unknown-certresolver"
    /// A middleware referenced but defined by no enabled container.
    case unknownMiddleware = "unknown-middleware"
    /// A router's service defined by no enabled container.
    case unknownService = "unknown-service"
    /// A container whose service port Traefik cannot choose: none or several exposed ports and
    /// no `loadbalancer.server.port`.
    case servicePort = "service-port"
    /// A `$` in a label that compose would read as a variable: it must be written `$$`.
    case unescapedDollar = "unescaped-dollar"
    /// A container with Traefik labels that Traefik ignores because `exposedByDefault` is false
    /// and the container lacks `traefik.enable=true`.
    case missingEnable = "missing-enable"
    /// Every container is exposed because `exposedByDefault` is left true.
    case exposedByDefault = "exposed-by-default"
    /// A router on a TLS entry point that does not enable TLS itself.
    case tlsEntryPoint = "tls-entrypoint"
    /// A label under a router, service or Traefik's root that Traefik does not know.
    case unknownLabel = "unknown-label"
    /// A Traefik v1 label, which v2 and v3 ignore.
    case v1Label = "v1-label"
    /// The static configuration cannot be read, or part of it is ignored.
    case staticConfiguration = "static-config"
}
