/// The user the management API is read as, with its tags (`/api/whoami`).
public struct ManagementUser: Sendable, Codable, Hashable {
    /// The user's name.
    public var name: String
    /// Its tags, e.g. `management`, `monitoring`, `administrator`.
    public var tags: [String]

    public init(name: String, tags: [String]) {
        self.name = name
        self.tags = tags
    }

    /// Whether the API shows this user every connection, channel and consumer of the virtual
    /// host. With only `management` it shows the user's own and answers the rest with an empty
    /// list, not an error, which reads like a broker without consumers.
    public var seesEveryConnection: Bool {
        tags.contains("monitoring") || tags.contains("administrator")
    }
}
