/// What a soak's load publishes through.
public enum SoakTarget: Sendable {
    /// The stack's HTTP API: keep-alive connections, each lane one request at a time.
    case api(APIRole)
    /// The broker itself: the lab's own client, publisher confirms, a window of publishes in
    /// flight per connection.
    case amqp(SoakAMQPTarget)

    public var route: PublishRoute {
        switch self {
        case .api: .api
        case .amqp: .amqp
        }
    }
}
