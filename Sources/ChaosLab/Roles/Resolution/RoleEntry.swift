/// A value of a roles table and where it came from.
struct RoleEntry: Sendable, Hashable {
    var value: RoleValue
    var source: RoleSource
}
