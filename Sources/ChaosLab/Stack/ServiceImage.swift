/// The image one service runs, as far as the lab inspects it.
public struct ServiceImage: Sendable, Codable, Hashable {
    /// The service.
    public var service: String
    /// The image as the service names it, e.g. `chaoslab/fixture:latest`.
    public var name: String
    /// The image's id.
    public var id: String
    /// `NAME=value` entries of the image's own configuration (its `ENV` lines).
    public var environment: [String]

    public init(service: String, name: String, id: String, environment: [String]) {
        self.service = service
        self.name = name
        self.id = id
        self.environment = environment
    }
}
