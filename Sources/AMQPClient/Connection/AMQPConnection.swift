internal import CRabbitMQ

/// One connection to a broker.
///
/// The actor runs on a dedicated thread (`ConnectionThreadExecutor`), so rabbitmq-c's
/// blocking calls never run on Swift's cooperative pool and every C call for this connection
/// happens on that one thread. Each blocking step has a deadline: connect and login use
/// `connectTimeout`, synchronous methods and socket writes use `operationTimeout`, confirm and
/// delivery waits use the timeout passed to them.
///
/// A call that waits (for a reply, a confirm, a delivery) gives way as soon as another call on
/// the same connection is made (an ack from another task, a publish on another channel), so
/// one task waiting for deliveries does not stall the rest, and concurrent publishes pipeline.
/// Frames that arrive while waiting for something else are never lost: deliveries are buffered
/// for ``nextDelivery(timeout:)``, acks and returns are recorded for the publishes they settle. Heartbeats are sent and checked while waiting and, while the
/// connection is idle, by a background task.
///
/// A synchronous method that passes its deadline, a lost socket or a broker's
/// connection.close ends the connection: later calls fail at once with that reason.
public actor AMQPConnection {
    /// Longest wait for the socket before rabbitmq-c gets to send a due heartbeat or notice a
    /// missed one.
    static let waitSlice: Duration = .milliseconds(200)
    /// Bound on the close handshake, so that `close()` stays quick with an unresponsive broker.
    static let closeHandshakeLimit: Duration = .seconds(2)

    /// The settings this connection was opened with.
    public nonisolated let configuration: AMQPConfiguration
    nonisolated let executor: ConnectionThreadExecutor
    let watchdog = SendWatchdog()

    /// rabbitmq-c's connection; nil once the connection is over.
    var state: amqp_connection_state_t?
    /// Why the connection is over; thrown by every call made after that.
    var terminalError: AMQPError?
    /// connection.close was sent by this client; waiting for close-ok.
    var isClosing = false
    var closeOkReceived = false
    /// The broker's connection.blocked reason, while it blocks publishers (resource alarm).
    var blockedReason: String?

    var channels: [UInt16: ChannelState] = [:]
    var nextChannelID: UInt16 = 1
    var channelMax: UInt16 = .max
    var negotiatedHeartbeat: Int = 0
    var frameMax = Int(AMQPConnection.defaultFrameMax)
    /// Reused to check that publish headers fit a frame.
    var headerScratch: [UInt8] = []

    var deliveries = DeliveryBuffer()
    /// The latest reply to a synchronous method, per channel.
    var replies: [UInt16: ServerMethod] = [:]
    /// basic.get results per channel: a message, or nil for get-empty.
    var gets: [UInt16: AMQPMessage?] = [:]
    var assembling: [UInt16: PendingContent] = [:]
    var heartbeatTask: Task<Void, Never>?

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    init(configuration: AMQPConfiguration) {
        self.configuration = configuration
        executor = ConnectionThreadExecutor(name: "amqp \(configuration.endpoint)")
    }

    isolated deinit {
        if let state { amqp_destroy_connection(state) }
        watchdog.stop()
        heartbeatTask?.cancel()
        executor.shutdown()
    }

    /// Opens a TCP connection, logs in (SASL PLAIN) and negotiates heartbeats, within
    /// `configuration.connectTimeout` for the connect and again for the login.
    ///
    /// - Throws: ``AMQPError`` with code `.loginRefused` when the broker refused the
    ///   credentials or the virtual host, else `.connectionFailed` naming host:port and the
    ///   reason (refused, timed out, dropped, ...).
    public static func connect(_ configuration: AMQPConfiguration) async throws -> AMQPConnection {
        let connection = AMQPConnection(configuration: configuration)
        try await connection.open()
        return connection
    }

    /// Whether calls can still be made: not closed by either side and the socket not lost.
    public var isOpen: Bool {
        state != nil && !isClosing
    }

    /// Whether the broker currently blocks publishers on this connection (connection.blocked,
    /// e.g. a memory or disk alarm); publishes then stall until their deadline.
    public var isBlocked: Bool {
        blockedReason != nil
    }

    /// The heartbeat interval agreed with the broker; zero when heartbeats are off.
    public var heartbeat: Duration {
        .seconds(negotiatedHeartbeat)
    }

    /// Opens a new channel.
    public func openChannel() async throws -> AMQPChannel {
        try requireOpen(for: "channel.open")
        let id = try allocateChannelID()
        channels[id] = ChannelState()
        do {
            try await rpc("channel.open", channel: id) { state in
                var method = amqp_channel_open_t(out_of_band: amqp_bytes_t(len: 0, bytes: nil))
                return amqp_send_method(state, id, CHAOSLAB_CHANNEL_OPEN, &method)
            } reply: { method in
                if case .channelOpenOk = method { return () }
                return nil
            }
        } catch {
            channels[id] = nil
            throw error
        }
        return AMQPChannel(id: id, connection: self)
    }

    /// Waits up to `timeout` for the next basic.deliver on any channel of this connection.
    ///
    /// Returns nil when none arrived in time. Heartbeats are serviced while waiting. If the
    /// broker closed a channel that had consumers, the next call throws that close once.
    public func nextDelivery(timeout: Duration) async throws -> AMQPMessage? {
        try requireOpen(for: "Waiting for a delivery")
        return try await wait(until: .now + timeout, operation: "Waiting for a delivery", cancellable: true) {
            () throws(AMQPError) -> AMQPMessage? in
            if let message = deliveries.popFirst() { return message }
            if let (id, replyCode, replyText) = takeUnreportedConsumerChannelClose() {
                throw AMQPError.channelClosedByBroker(id, replyCode: replyCode, replyText: replyText,
                                                      during: "consumption")
            }
            return nil
        }
    }

    /// Closes the connection (connection.close, waiting briefly for close-ok). Idempotent,
    /// never throws; deliveries not yet handed out are dropped (the broker requeues them).
    public func close() async {
        guard state != nil, !isClosing else { return }
        isClosing = true
        let deadline = ContinuousClock.now + min(configuration.operationTimeout, Self.closeHandshakeLimit)
        do {
            let pool = CPool()
            let text = try pool.bytes("closed by client")
            try send("connection.close") { state in
                var method = amqp_connection_close_t(
                    reply_code: UInt16(AMQP_REPLY_SUCCESS), reply_text: text, class_id: 0, method_id: 0)
                return withExtendedLifetime(pool) { amqp_send_method(state, 0, CHAOSLAB_CONNECTION_CLOSE, &method) }
            }
            _ = try await wait(until: deadline, operation: "connection.close", cancellable: false, whileClosing: true) {
                () throws(AMQPError) -> Void? in closeOkReceived ? () : nil
            }
        } catch {
            // The connection is being discarded either way; a failed handshake changes nothing.
        }
        end(with: AMQPError(.invalidState, "The connection to \(configuration.endpoint) was closed by this client."))
    }
}
