internal import CRabbitMQ
import Foundation

extension AMQPConnection {
    /// rabbitmq-c's default frame size; bodies above it are split into several body frames.
    static let defaultFrameMax: Int32 = 131_072

    /// TCP connect and login, on this connection's thread.
    func open() throws(AMQPError) {
        let endpoint = configuration.endpoint
        guard let state = amqp_new_connection() else {
            throw AMQPError(.connectionFailed, "Connecting to \(endpoint) failed: rabbitmq-c could not allocate a connection.")
        }
        self.state = state
        do {
            try openSocket(state)
            try login(state)
        } catch {
            amqp_destroy_connection(state)
            self.state = nil
            watchdog.stop()
            terminalError = error
            throw error
        }
        channelMax = UInt16(clamping: amqp_get_channel_max(state))
        if channelMax == 0 { channelMax = .max }
        negotiatedHeartbeat = Int(amqp_get_heartbeat(state))
        frameMax = Int(amqp_get_frame_max(state))
        if negotiatedHeartbeat > 0 { startHeartbeatService() }
    }

    private func openSocket(_ state: amqp_connection_state_t) throws(AMQPError) {
        let endpoint = configuration.endpoint
        guard let socket = amqp_tcp_socket_new(state) else {
            throw AMQPError(.connectionFailed, "Connecting to \(endpoint) failed: rabbitmq-c could not create a TCP socket.")
        }
        guard (1...65535).contains(configuration.port) else {
            throw AMQPError(.connectionFailed, "Connecting to \(endpoint) failed: \(configuration.port) is not a TCP port.")
        }
        var connectTimeout = timeval(configuration.connectTimeout)
        let status = amqp_socket_open_noblock(socket, configuration.host, Int32(configuration.port), &connectTimeout)
        guard status == AMQPStatus.ok else {
            let name = AMQPStatus.name(of: status)
            let reason = switch status {
            case AMQPStatus.timeout: "no answer within \(configuration.connectTimeout.secondsText)"
            // rabbitmq-c reports every connect(2) failure (refused, unreachable) this way.
            case AMQP_STATUS_SOCKET_ERROR.rawValue: "the TCP connection was refused or could not be established"
            default: AMQPStatus.text(of: status)
            }
            throw AMQPError(.connectionFailed, "Connecting to \(endpoint) failed: \(name) (\(reason)).")
        }
        watchdog.attach(socket: amqp_get_sockfd(state))
        var handshakeTimeout = timeval(configuration.connectTimeout)
        _ = amqp_set_handshake_timeout(state, &handshakeTimeout)
        var rpcTimeout = timeval(configuration.operationTimeout)
        _ = amqp_set_rpc_timeout(state, &rpcTimeout)
    }

    private func login(_ state: amqp_connection_state_t) throws(AMQPError) {
        let endpoint = configuration.endpoint
        let pool = CPool()
        let heartbeat = configuration.heartbeat.wholeSecondsRoundingUp
        let (reply, tripped) = try withExtendedLifetime(pool) { (pool: borrowing CPool) throws(AMQPError) in
            var clientProperties = try TableCodec.encode(clientPropertiesTable, into: pool)
            // The whole login (header, start, tune, open) is bounded by the handshake timeout;
            // its writes are bounded here.
            watchdog.arm(configuration.connectTimeout + .seconds(1))
            let reply = chaoslab_login_plain(state, configuration.virtualHost, 0, Self.defaultFrameMax,
                                             Int32(clamping: heartbeat), &clientProperties,
                                             configuration.username, configuration.password)
            return (reply, watchdog.disarm())
        }
        let who = "user \"\(configuration.username)\" on virtual host \"\(configuration.virtualHost)\""
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == CHAOSLAB_CONNECTION_CLOSE:
            guard case .connectionClose(let code, let text) = ServerMethod(reply.reply) else { fallthrough }
            throw AMQPError.loginRefused(replyCode: code, replyText: text, endpoint: endpoint, who: who)
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            let status = Int32(reply.library_error)
            let name = AMQPStatus.name(of: status)
            if tripped || status == AMQPStatus.timeout {
                throw AMQPError(.connectionFailed,
                                "Logging in to \(endpoint) as \(who) did not complete within \(configuration.connectTimeout.secondsText) (\(name)).")
            }
            // A broker that does not support authentication_failure_close just drops the socket.
            let hint = AMQPStatus.isTransportFailure(status) ? " The broker dropped the connection: check the user name, password and virtual host." : ""
            throw AMQPError(.connectionFailed,
                            "Logging in to \(endpoint) as \(who) failed: \(name) (\(AMQPStatus.text(of: status))).\(hint)")
        default:
            throw AMQPError(.connectionFailed,
                            "Logging in to \(endpoint) as \(who) failed: the broker answered with \(String(cString: amqp_method_name(reply.reply.id))).")
        }
    }

    /// Merged by rabbitmq-c with its defaults (version, copyright, its own capabilities).
    private var clientPropertiesTable: AMQPTable {
        var table: AMQPTable = [
            "product": "ChaosLab AMQPClient",
            "platform": "Swift",
            // Lets the broker say when a resource alarm blocks publishers (see `isBlocked`).
            "capabilities": ["connection.blocked": true],
        ]
        if let name = configuration.connectionName { table["connection_name"] = .string(name) }
        return table
    }

    /// Services heartbeats and buffers deliveries while nobody waits on the connection, so an
    /// idle connection stays alive and a dead peer is noticed.
    private func startHeartbeatService() {
        let interval = max(Duration.milliseconds(250), .seconds(negotiatedHeartbeat) / 4)
        heartbeatTask = Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let connection = self, await connection.serviceIdleConnection() else { return }
            }
        }
    }

    /// Handles whatever has arrived, without blocking; false once the connection is over.
    func serviceIdleConnection() -> Bool {
        guard state != nil else { return false }
        do {
            // A deadline slightly in the future lets rabbitmq-c notice a missed broker heartbeat.
            while try pumpFrame(until: .now + .milliseconds(1), operation: "heartbeat service") {}
        } catch {
            return state != nil
        }
        return state != nil
    }
}
