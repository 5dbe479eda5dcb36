internal import CRabbitMQ

// Publishing, and waiting for the broker's confirms.
extension AMQPConnection {
    func enablePublisherConfirms(channel: UInt16) async throws {
        try requireChannel(channel, for: "confirm.select")
        if channels[channel]?.confirms != nil { return }
        var method = amqp_confirm_select_t(nowait: 0)
        try await rpc("confirm.select", channel: channel) { state in
            amqp_send_method(state, channel, CHAOSLAB_CONFIRM_SELECT, &method)
        } reply: { reply in
            if case .confirmSelectOk = reply { return () }
            return nil
        }
        channels[channel]?.confirms = ConfirmTracker()
    }

    func publish(
        channel: UInt16, body: [UInt8], exchange: String, routingKey: String, mandatory: Bool,
        properties: AMQPProperties, confirmTimeout: Duration
    ) async throws -> PublishConfirmation {
        let message = AMQPOutgoingMessage(body, exchange: exchange, routingKey: routingKey, mandatory: mandatory,
                                          properties: properties)
        let operation = Self.publishOperation(message)
        try requireChannel(channel, for: operation)
        switch try write(message, on: channel, operation: operation, waiter: .publisher) {
        case .settled(let outcome):
            return outcome
        case .confirm(let sequence):
            return try await confirmation(of: sequence, on: channel, publishing: operation, timeout: confirmTimeout)
        }
    }

    /// What a publish of `message` is called in errors.
    static func publishOperation(_ message: AMQPOutgoingMessage) -> String {
        "basic.publish to exchange \"\(message.exchange)\" with key \"\(message.routingKey)\""
    }

    /// Writes one basic.publish (method, header and body frames) and registers it with the
    /// channel's confirm tracker for `waiter`.
    func write(
        _ message: AMQPOutgoingMessage, on channel: UInt16, operation: String, waiter: ConfirmTracker.Waiter
    ) throws(AMQPError) -> ChannelState.PublishSettlement {
        // Every C structure of the publish lives in the pool until rabbitmq-c has written it.
        try withExtendedLifetime(CPool()) { (pool: borrowing CPool) throws(AMQPError) in
            let exchangeBytes = try pool.shortString(message.exchange, "exchange name")
            let routingKeyBytes = try pool.shortString(message.routingKey, "routing key")
            var cProperties = try PropertiesCodec.encode(message.properties, into: pool)
            if message.properties.headers != nil {
                try PropertiesCodec.checkFitsHeaderFrame(&cProperties, frameMax: frameMax, scratch: &headerScratch)
            }
            try send(operation) { state in
                message.body.withUnsafeBytes { raw in
                    amqp_basic_publish(state, channel, exchangeBytes, routingKeyBytes, flag(message.mandatory), 0, &cProperties,
                                       amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
                }
            }
        }
        let returnable = message.mandatory
            ? ConfirmTracker.Content(exchange: message.exchange, routingKey: message.routingKey, body: message.body)
            : nil
        return channels[channel]?.registerPublish(returnable: returnable, waiter: waiter) ?? .settled(.unconfirmed)
    }

    /// Waits for the broker's verdict on publish `sequence`; a publisher that stops waiting
    /// leaves no outcome behind.
    private func confirmation(
        of sequence: UInt64, on channel: UInt16, publishing operation: String, timeout: Duration
    ) async throws -> PublishConfirmation {
        let confirmOperation = "Waiting for the confirm of publish #\(sequence) on channel \(channel)"
        do {
            let outcome = try await wait(until: .now + timeout, operation: confirmOperation, cancellable: true) {
                () throws(AMQPError) -> PublishConfirmation? in
                if let outcome = channels[channel]?.confirms?.take(sequence) { return outcome }
                if case .closedByBroker(let replyCode, let replyText)? = channels[channel]?.status {
                    throw AMQPError.channelClosedByBroker(channel, replyCode: replyCode, replyText: replyText,
                                                          during: operation)
                }
                return nil
            }
            guard let outcome else {
                throw AMQPError.timedOut(confirmOperation, after: timeout, on: configuration.endpoint)
            }
            return outcome
        } catch {
            channels[channel]?.confirms?.abandon(sequence)
            throw error
        }
    }
}
