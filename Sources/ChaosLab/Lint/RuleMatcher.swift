/// One matcher call in a router rule: its name as written and its string arguments.
public struct RuleMatcher: Sendable, Hashable {
    /// The name as written (Traefik also accepts all-lower, all-upper and capitalised forms).
    public var name: String
    /// The arguments, unquoted.
    public var arguments: [RuleArgument]
    /// Where the name starts in the rule, counted from 1.
    public var column: Int

    public init(name: String, arguments: [RuleArgument], column: Int) {
        self.name = name
        self.arguments = arguments
        self.column = column
    }

    /// The call as it would be written with backticks, for messages.
    public var written: String {
        "\(name)(\(arguments.map { "`\($0.value)`" }.joined(separator: ", ")))"
    }
}
