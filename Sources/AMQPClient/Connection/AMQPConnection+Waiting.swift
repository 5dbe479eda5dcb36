internal import CRabbitMQ

// The machinery every operation goes through: state checks, bounded writes, waits and
// synchronous methods, and how a failure ends the connection.
extension AMQPConnection {
    // MARK: - State

    func requireState(for operation: String) throws(AMQPError) -> amqp_connection_state_t {
        guard let state else { throw closedError(for: operation) }
        return state
    }

    func requireOpen(for operation: String) throws(AMQPError) {
        guard state != nil else { throw closedError(for: operation) }
        guard !isClosing else {
            throw AMQPError(.invalidState, "\(operation) cannot run: the connection to \(configuration.endpoint) is closing.")
        }
    }

    private func closedError(for operation: String) -> AMQPError {
        terminalError ?? AMQPError(.invalidState, "\(operation) cannot run: the connection to \(configuration.endpoint) is not open.")
    }

    /// The channel's state, if the channel can be used for `operation`.
    func requireChannel(_ id: UInt16, for operation: String) throws(AMQPError) {
        try requireOpen(for: operation)
        switch channels[id]?.status {
        case .open?:
            return
        case .closedByBroker(let replyCode, let replyText)?:
            throw AMQPError(.channelClosed(channel: id, replyCode: replyCode, replyText: replyText),
                            "\(operation) cannot use channel \(id): the broker closed it with \(replyCode): \(replyText.sentenceBody).")
        case nil:
            throw AMQPError(.invalidState, "\(operation) cannot use channel \(id): it is not open on the connection to \(configuration.endpoint).")
        }
    }

    func allocateChannelID() throws(AMQPError) -> UInt16 {
        var candidate = nextChannelID
        for _ in 0..<Int(channelMax) {
            defer { candidate = candidate >= channelMax ? 1 : candidate + 1 }
            if channels[candidate]?.status != .open {
                nextChannelID = candidate >= channelMax ? 1 : candidate + 1
                return candidate
            }
        }
        throw AMQPError(.invalidState, "All \(channelMax) channels of the connection to \(configuration.endpoint) are open.")
    }

    func takeUnreportedConsumerChannelClose() -> (UInt16, UInt16, String)? {
        for (id, state) in channels where state.closeUnreported {
            channels[id]?.closeUnreported = false
            if case .closedByBroker(let replyCode, let replyText) = state.status { return (id, replyCode, replyText) }
        }
        return nil
    }

    // MARK: - Ending

    /// Ends the connection for good: later calls throw `error`.
    func end(with error: AMQPError) {
        guard let state else { return }
        terminalError = error
        watchdog.stop()
        amqp_destroy_connection(state)
        self.state = nil
        heartbeatTask?.cancel()
        heartbeatTask = nil
        deliveries.removeAll()
        assembling.removeAll()
        replies.removeAll()
        gets.removeAll()
        for id in channels.keys { channels[id]?.confirms = nil }
    }

    /// The error for a failed C call; a failure that leaves the connection unusable ends it.
    func fail(_ status: Int32, during operation: String, reading: Bool, watchdogTripped: Bool = false) -> AMQPError {
        let endpoint = configuration.endpoint
        if watchdogTripped {
            let error = AMQPError.timedOut(operation, after: configuration.operationTimeout, on: endpoint)
            end(with: AMQPError(.connectionClosed(replyCode: 0, replyText: "AMQP_STATUS_TIMEOUT"),
                                "The connection to \(endpoint) was closed because \(operation) could not write within \(configuration.operationTimeout.secondsText)."))
            return error
        }
        guard AMQPStatus.endsConnection(status, whileReading: reading) else {
            return AMQPError.library(status, during: operation, on: endpoint)
        }
        let error = AMQPError.transportLost(status: status, endpoint: endpoint, during: operation)
        end(with: error)
        return error
    }

    // MARK: - Writing

    /// Runs one C call that writes to the socket, bounded by the operation timeout.
    func send(_ operation: String, _ call: (amqp_connection_state_t) -> Int32) throws(AMQPError) {
        let state = try requireState(for: operation)
        watchdog.arm(configuration.operationTimeout)
        let status = call(state)
        let tripped = watchdog.disarm()
        guard status == AMQPStatus.ok, !tripped else {
            throw fail(status, during: operation, reading: false, watchdogTripped: tripped)
        }
    }

    // MARK: - Waiting

    /// Handles frames until `check` yields a value or `deadline` passes (then nil).
    ///
    /// `check` runs before the first read and after every frame. The thread blocks only in
    /// ``ConnectionThreadExecutor/waitForIO(socket:timeout:)``, which returns as soon as another
    /// call on this connection is enqueued; the wait then yields to it, so waits never hold other
    /// calls back. A cancellable wait throws `CancellationError` when its task is cancelled;
    /// synchronous methods are not cancellable, because their reply must still be consumed.
    func wait<T>(
        until deadline: ContinuousClock.Instant,
        operation: String,
        cancellable: Bool,
        whileClosing: Bool = false,
        _ check: () throws(AMQPError) -> T?
    ) async throws -> T? {
        guard cancellable else {
            return try await waitLoop(until: deadline, operation: operation, cancellable: false, whileClosing: whileClosing, check)
        }
        // Cancellation wakes the thread out of its socket wait at once.
        let executor = executor
        return try await withTaskCancellationHandler {
            try await waitLoop(until: deadline, operation: operation, cancellable: true, whileClosing: whileClosing, check)
        } onCancel: {
            executor.wake()
        }
    }

    private func waitLoop<T>(
        until deadline: ContinuousClock.Instant,
        operation: String,
        cancellable: Bool,
        whileClosing: Bool,
        _ check: () throws(AMQPError) -> T?
    ) async throws -> T? {
        // Even a deadline already past gets one look at the socket.
        var lookedAtSocket = false
        while true {
            if let value = try check() { return value }
            if whileClosing { _ = try requireState(for: operation) } else { try requireOpen(for: operation) }
            // Frames rabbitmq-c already holds need no wait.
            while hasBufferedInput, try pumpFrame(until: .now, operation: operation) {
                if let value = try check() { return value }
            }
            let remaining = deadline - .now
            if remaining <= .zero, lookedAtSocket { return nil }
            if cancellable { try Task.checkCancellation() }
            let wake = executor.waitForIO(socket: socketDescriptor, timeout: max(.zero, min(remaining, Self.waitSlice)))
            lookedAtSocket = true
            if wake.socketReadable {
                _ = try pumpFrame(until: .now, operation: operation)
            } else if !wake.jobsPending, remaining > .zero {
                // Quiet socket: give rabbitmq-c the chance to send a due heartbeat and to notice
                // a broker that stopped sending them (it needs a deadline that is not "now").
                _ = try pumpFrame(until: .now + .milliseconds(1), operation: operation)
            }
            if wake.jobsPending { await Task.yield() }
        }
    }

    /// Whether rabbitmq-c holds received bytes or queued frames not yet handed out.
    var hasBufferedInput: Bool {
        guard let state else { return false }
        return amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0
    }

    /// The connection's socket, or -1 once it is gone.
    var socketDescriptor: Int32 {
        guard let state else { return -1 }
        return amqp_get_sockfd(state)
    }

    /// Sends a synchronous method and waits for its reply, within the operation timeout.
    ///
    /// A broker close of the channel meanwhile throws `.channelClosed` with the broker's code;
    /// a reply that does not come in time ends the connection (its state is unknown) and
    /// throws `.timedOut`.
    func rpc<T>(
        _ operation: String,
        channel: UInt16,
        send request: (amqp_connection_state_t) -> Int32,
        reply: (ServerMethod) -> T?
    ) async throws -> T {
        try await roundTrip(operation, channel: channel, send: request) { () throws(AMQPError) -> T? in
            guard let method = replies.removeValue(forKey: channel) else { return nil }
            if let value = reply(method) { return value }
            throw AMQPError(.library(status: AMQP_STATUS_WRONG_METHOD.rawValue, name: "AMQP_STATUS_WRONG_METHOD"),
                            "\(operation) on channel \(channel) of \(configuration.endpoint) was answered with \(method.name).")
        }
    }

    /// `rpc` with a custom completion check (basic.get completes with a whole message).
    func roundTrip<T>(
        _ operation: String,
        channel: UInt16,
        send request: (amqp_connection_state_t) -> Int32,
        completion: () throws(AMQPError) -> T?
    ) async throws -> T {
        try requireChannel(channel, for: operation)
        let deadline = ContinuousClock.now + configuration.operationTimeout
        if channels[channel]?.rpcInFlight == true {
            let free: Void? = try await wait(until: deadline, operation: operation, cancellable: false) { () throws(AMQPError) -> Void? in
                try requireChannel(channel, for: operation)
                return channels[channel]?.rpcInFlight == true ? nil : ()
            }
            guard free != nil else { throw timeout(operation, channel: channel) }
        }
        channels[channel]?.rpcInFlight = true
        defer { channels[channel]?.rpcInFlight = false }
        replies[channel] = nil
        gets[channel] = nil
        try send(operation, request)
        let result = try await wait(until: deadline, operation: operation, cancellable: false) { () throws(AMQPError) -> T? in
            if let value = try completion() { return value }
            if case .closedByBroker(let replyCode, let replyText)? = channels[channel]?.status {
                throw AMQPError.channelClosedByBroker(channel, replyCode: replyCode, replyText: replyText, during: operation)
            }
            return nil
        }
        guard let result else { throw timeout(operation, channel: channel) }
        return result
    }

    private func timeout(_ operation: String, channel: UInt16) -> AMQPError {
        let endpoint = configuration.endpoint
        let error = AMQPError.timedOut("\(operation) on channel \(channel)", after: configuration.operationTimeout, on: endpoint)
        end(with: AMQPError(.connectionClosed(replyCode: 0, replyText: "AMQP_STATUS_TIMEOUT"),
                            "The connection to \(endpoint) was closed because \(operation) on channel \(channel) got no reply within \(configuration.operationTimeout.secondsText)."))
        return error
    }
}
