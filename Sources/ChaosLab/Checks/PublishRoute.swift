/// How the lab published a message: through the stack's HTTP API, or straight to its broker
/// over AMQP with publisher confirms.
public enum PublishRoute: String, Sendable, Codable, Hashable, CaseIterable {
    case api
    case amqp
}
