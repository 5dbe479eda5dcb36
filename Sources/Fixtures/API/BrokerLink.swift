import AMQPClient
import Logging
import ServiceLifecycle

/// The API's one connection to the broker, with a confirm-mode channel for publishing.
///
/// As a service it keeps the connection up: it connects in the background, checks that the
/// work queue exists (passive declare), watches the connection, and reconnects with
/// ``Backoff`` after any failure. Requests never wait for that: while there is no connection,
/// ``publish(_:id:)`` answers ``PublishOutcome/unavailable(reason:)`` at once.
///
/// Publishes all go through this actor onto the one ``AMQPConnection``, whose own executor
/// runs rabbitmq-c's calls one at a time; a ``PublishPipeline`` hands each request its own
/// confirm, so requests do not queue behind each other's confirms.
actor BrokerLink: Service {
    /// How often the link looks at an established connection; a broker that went away is
    /// noticed within this interval.
    static let watchInterval: Duration = .milliseconds(250)
    /// How long a publish waits for the broker's confirm.
    static let confirmTimeout: Duration = .seconds(5)

    struct Session: Sendable {
        let connection: AMQPConnection
        let channel: AMQPChannel
        let pipeline: PublishPipeline
        /// Collects the pipeline's confirms; cancelled when the session is dropped.
        let pump: Task<Void, Never>
    }

    let configuration: AMQPConfiguration
    let workQueue: String
    let deliveryMode: AMQPDeliveryMode
    let logger: Logger
    var session: Session?
    /// Why the link is down, for 503 bodies and for logging each new reason once.
    var downReason = "The API has not connected to the broker yet."

    init(configuration: AMQPConfiguration, workQueue: String, deliveryMode: AMQPDeliveryMode, logger: Logger) {
        self.configuration = configuration
        self.workQueue = workQueue
        self.deliveryMode = deliveryMode
        self.logger = logger
    }

    /// Whether a connection with a confirm channel is established.
    var isConnected: Bool {
        session != nil
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { await self.maintainConnection() }
        if let session {
            self.session = nil
            session.pump.cancel()
            await session.connection.close()
        }
        logger.info("broker link closed")
    }

    /// Publishes `body` persistently (unless the link was made with transient delivery) to the
    /// work queue, mandatory, and waits for the broker's confirm.
    func publish(_ body: [UInt8], id: String) async -> PublishOutcome {
        guard let session else { return .unavailable(reason: downReason) }
        if await session.pipeline.isBlocked {
            return .unavailable(reason: "The broker is blocking publishers (resource alarm).")
        }
        let properties = AMQPProperties(contentType: "application/json", deliveryMode: deliveryMode, messageID: id)
        let message = AMQPOutgoingMessage(body, routingKey: workQueue, mandatory: true, properties: properties)
        switch await session.pipeline.publish(message, timeout: Self.confirmTimeout) {
        case .confirmed(.acked): return .confirmed
        case .confirmed(.nacked): return .nacked
        case .confirmed(.returned(let replyCode, let replyText)): return .returned(replyCode: replyCode, replyText: replyText)
        case .confirmed(.unconfirmed):
            return .unconfirmed(reason: "The broker was not asked to confirm the message: the channel is not in confirm mode.")
        case .timedOut:
            return .unconfirmed(reason: "No confirm came from the broker at \(configuration.endpoint) within \(Self.confirmTimeout.secondsText).")
        case .failed(let reason):
            await drop(session, because: reason)
            return .unavailable(reason: reason)
        }
    }
}
