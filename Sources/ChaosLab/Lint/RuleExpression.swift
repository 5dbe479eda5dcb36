/// A parsed router rule: matchers joined by `&&`, `||` and `!`, as Traefik's rule parser (a Go
/// expression reader) sees them.
public indirect enum RuleExpression: Sendable, Hashable {
    /// One matcher call, such as PathPrefix with the argument `/api`.
    case matcher(RuleMatcher)
    /// `!expression`.
    case not(RuleExpression)
    /// `left && right`.
    case and(RuleExpression, RuleExpression)
    /// `left || right`.
    case or(RuleExpression, RuleExpression)

    /// Every matcher call, left to right.
    public var matchers: [RuleMatcher] {
        switch self {
        case .matcher(let matcher): [matcher]
        case .not(let inner): inner.matchers
        case .and(let left, let right), .or(let left, let right): left.matchers + right.matchers
        }
    }
}
