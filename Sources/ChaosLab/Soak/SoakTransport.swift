import AMQPClient

/// How a soak's lanes reach the stack: the real ones, or fakes in tests.
enum SoakTransport: Sendable {
    /// One poster shared by every lane, one request per lane at a time; made when the load
    /// starts and shut down when it ends, so a load that never runs holds no connections.
    case api(@Sendable () -> any SoakPoster)
    /// Each lane opens its own publisher (a connection, named as given) and makes each token's
    /// message with `message`.
    case amqp(open: @Sendable (String) async throws -> any SoakPublisher, message: @Sendable (String) -> AMQPOutgoingMessage)

    var route: PublishRoute {
        switch self {
        case .api: .api
        case .amqp: .amqp
        }
    }
}
