/// The healthcheck verdict on one service instance.
public enum InstanceHealth: String, Sendable, Hashable, Codable, CaseIterable {
    /// The instance has no healthcheck.
    case none
    /// The healthcheck has not passed yet.
    case starting
    case healthy
    case unhealthy
}
