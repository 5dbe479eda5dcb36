/// The syntax a router rule is read with: Traefik v3's own, or the v2 syntax v3 still accepts
/// for a router that sets `ruleSyntax=v2` (or for all, with `core.defaultRuleSyntax=v2`).
public enum RuleDialect: String, Sendable, Hashable, Codable {
    case v3
    case v2
}
