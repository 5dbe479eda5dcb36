/// One value the resolver found for a field of the roles schema, and where it came from.
public struct RoleFinding: Sendable, Codable, Hashable {
    /// The schema field, e.g. `broker.amqp_port`.
    public var field: RoleField
    /// The value as a person reads it: passwords hidden, lists joined, `none` for a role
    /// declared absent.
    public var value: String
    public var source: RoleSource

    public init(field: RoleField, value: String, source: RoleSource) {
        self.field = field
        self.value = value
        self.source = source
    }
}
