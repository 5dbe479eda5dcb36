/// One entry of a service's `depends_on`.
public struct ComposeDependency: Sendable, Hashable, Codable {
    /// The service depended on.
    public var service: String
    /// `service_started`, `service_healthy` or `service_completed_successfully`.
    public var condition: String

    public init(service: String, condition: String = "service_started") {
        self.service = service
        self.condition = condition
    }
}
