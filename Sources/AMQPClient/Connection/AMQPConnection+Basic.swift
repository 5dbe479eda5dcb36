internal import CRabbitMQ

// Consuming, fetching and acknowledging messages; closing channels.
extension AMQPConnection {
    func setPrefetch(channel: UInt16, count: UInt16, global: Bool) async throws {
        var method = amqp_basic_qos_t(prefetch_size: 0, prefetch_count: count, global: flag(global))
        try await rpc("basic.qos (prefetch \(count))", channel: channel) { state in
            amqp_send_method(state, channel, CHAOSLAB_BASIC_QOS, &method)
        } reply: { reply in
            if case .basicQosOk = reply { return () }
            return nil
        }
    }

    func consume(
        channel: UInt16, queue: String, consumerTag: String, noAck: Bool, exclusive: Bool, arguments: AMQPTable
    ) async throws -> String {
        let pool = CPool()
        var method = amqp_basic_consume_t(
            ticket: 0, queue: try pool.shortString(queue, "queue name"),
            consumer_tag: try pool.shortString(consumerTag, "consumer tag"), no_local: 0, no_ack: flag(noAck),
            exclusive: flag(exclusive), nowait: 0, arguments: try TableCodec.encode(arguments, into: pool))
        let tag = try await rpc("basic.consume from \"\(queue)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_BASIC_CONSUME, &method) }
        } reply: { reply in
            if case .basicConsumeOk(let tag) = reply { return tag }
            return nil
        }
        channels[channel]?.consumers.insert(tag)
        return tag
    }

    func cancel(channel: UInt16, consumerTag: String) async throws {
        let pool = CPool()
        var method = amqp_basic_cancel_t(consumer_tag: try pool.shortString(consumerTag, "consumer tag"), nowait: 0)
        try await rpc("basic.cancel of consumer \"\(consumerTag)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_BASIC_CANCEL, &method) }
        } reply: { reply in
            if case .basicCancelOk = reply { return () }
            return nil
        }
        channels[channel]?.consumers.remove(consumerTag)
    }

    func ack(channel: UInt16, deliveryTag: UInt64, multiple: Bool) throws(AMQPError) {
        let operation = "basic.ack of delivery \(deliveryTag)"
        try requireChannel(channel, for: operation)
        try send(operation) { state in amqp_basic_ack(state, channel, deliveryTag, flag(multiple)) }
    }

    func nack(channel: UInt16, deliveryTag: UInt64, multiple: Bool, requeue: Bool) throws(AMQPError) {
        let operation = "basic.nack of delivery \(deliveryTag)"
        try requireChannel(channel, for: operation)
        try send(operation) { state in amqp_basic_nack(state, channel, deliveryTag, flag(multiple), flag(requeue)) }
    }

    func reject(channel: UInt16, deliveryTag: UInt64, requeue: Bool) throws(AMQPError) {
        let operation = "basic.reject of delivery \(deliveryTag)"
        try requireChannel(channel, for: operation)
        try send(operation) { state in amqp_basic_reject(state, channel, deliveryTag, flag(requeue)) }
    }

    func get(channel: UInt16, queue: String, noAck: Bool) async throws -> AMQPMessage? {
        let pool = CPool()
        var method = amqp_basic_get_t(ticket: 0, queue: try pool.shortString(queue, "queue name"), no_ack: flag(noAck))
        return try await roundTrip("basic.get from \"\(queue)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_BASIC_GET, &method) }
        } completion: { () throws(AMQPError) -> AMQPMessage?? in
            gets.removeValue(forKey: channel)
        }
    }

    func closeChannel(_ channel: UInt16) async throws {
        let operation = "channel.close"
        guard case .open? = channels[channel]?.status else {
            // Already closed by the broker or by this client: closing again changes nothing.
            channels[channel] = nil
            return
        }
        try requireOpen(for: operation)
        let pool = CPool()
        var method = amqp_channel_close_t(reply_code: UInt16(AMQP_REPLY_SUCCESS),
                                          reply_text: try pool.bytes("closed by client"), class_id: 0, method_id: 0)
        defer { forget(channel: channel) }
        do {
            try await rpc(operation, channel: channel) { state in
                withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_CHANNEL_CLOSE, &method) }
            } reply: { reply in
                if case .channelCloseOk = reply { return () }
                return nil
            }
        } catch let error as AMQPError {
            // Both sides closed at once: the channel is closed, which is what was asked.
            if case .channelClosed = error.code { return }
            throw error
        }
    }

    private func forget(channel: UInt16) {
        channels[channel] = nil
        deliveries.removeAll(onChannel: channel)
        assembling[channel] = nil
        gets[channel] = nil
        replies[channel] = nil
    }
}
