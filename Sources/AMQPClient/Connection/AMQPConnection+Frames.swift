internal import CRabbitMQ
import Foundation

// Reading frames: every frame is copied into Swift values and dispatched here, whoever is
// waiting, so nothing that arrives during another operation is lost.
extension AMQPConnection {
    /// Reads and handles one frame, waiting at most until `deadline` (a past deadline polls
    /// without blocking). False when no frame arrived in time.
    func pumpFrame(until deadline: ContinuousClock.Instant, operation: String) throws(AMQPError) -> Bool {
        let state = try requireState(for: operation)
        var frame = amqp_frame_t()
        var timeout = timeval(deadline - .now)
        // Waiting can also send a heartbeat, a write rabbitmq-c does not bound.
        watchdog.arm((deadline - .now) + configuration.operationTimeout)
        let status = amqp_simple_wait_frame_noblock(state, &frame, &timeout)
        let tripped = watchdog.disarm()
        if status == AMQPStatus.timeout { return false }
        guard status == AMQPStatus.ok else { throw fail(status, during: operation, reading: true, watchdogTripped: tripped) }
        try handle(frame)
        // Everything is copied out: the frame's pool memory can go.
        if let state = self.state { amqp_maybe_release_buffers(state) }
        return true
    }

    private func handle(_ frame: amqp_frame_t) throws(AMQPError) {
        let channel = frame.channel
        switch Int32(frame.frame_type) {
        case AMQP_FRAME_METHOD:
            try handle(ServerMethod(frame.payload.method), on: channel)
        case AMQP_FRAME_HEADER:
            guard var content = assembling[channel] else { return }
            let properties = frame.payload.properties.decoded
                .map { PropertiesCodec.decode($0.assumingMemoryBound(to: amqp_basic_properties_t.self).pointee) }
                ?? AMQPProperties()
            content.receiveHeader(properties: properties, bodySize: frame.payload.properties.body_size)
            store(content, on: channel)
        case AMQP_FRAME_BODY:
            guard var content = assembling[channel] else { return }
            let fragment = frame.payload.body_fragment
            if fragment.len > 0, let bytes = fragment.bytes {
                content.body.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: fragment.len))
            }
            store(content, on: channel)
        default:
            // Heartbeats are consumed by rabbitmq-c; nothing else is expected.
            break
        }
    }

    /// Keeps a content being assembled, or delivers it once complete.
    private func store(_ content: PendingContent, on channel: UInt16) {
        guard content.isComplete else {
            assembling[channel] = content
            return
        }
        assembling[channel] = nil
        switch content.origin {
        case .deliver:
            // A delivery that crossed this client's channel.close cannot be acknowledged any more.
            guard channels[channel]?.status == .open else { return }
            deliveries.append(content.message(channel: channel))
        case .get:
            gets[channel] = .some(content.message(channel: channel))
        case .return:
            // Without confirms there is no publish waiting for it: a return is then dropped.
            if let returned = content.returned { channels[channel]?.confirms?.recordReturn(returned) }
        }
    }

    private func handle(_ method: ServerMethod, on channel: UInt16) throws(AMQPError) {
        switch method {
        case .connectionClose(let replyCode, let replyText):
            try? send("connection.close-ok") { state in
                var ok = amqp_connection_close_ok_t(dummy: 0)
                return amqp_send_method(state, 0, CHAOSLAB_CONNECTION_CLOSE_OK, &ok)
            }
            let error = AMQPError.connectionClosedByBroker(replyCode: replyCode, replyText: replyText,
                                                           endpoint: configuration.endpoint)
            end(with: error)
            throw error
        case .connectionCloseOk:
            closeOkReceived = true
        case .connectionBlocked(let reason):
            blockedReason = reason
        case .connectionUnblocked:
            blockedReason = nil
        case .channelClose(let replyCode, let replyText):
            try send("channel.close-ok") { state in
                var ok = amqp_channel_close_ok_t(dummy: 0)
                return amqp_send_method(state, channel, CHAOSLAB_CHANNEL_CLOSE_OK, &ok)
            }
            channelClosedByBroker(channel, replyCode: replyCode, replyText: replyText)
        case .channelFlow(let active):
            try send("channel.flow-ok") { state in
                var ok = amqp_channel_flow_ok_t(active: active ? 1 : 0)
                return amqp_send_method(state, channel, CHAOSLAB_CHANNEL_FLOW_OK, &ok)
            }
        case .basicDeliver(let consumerTag, let deliveryTag, let redelivered, let exchange, let routingKey):
            assembling[channel] = PendingContent(origin: .deliver(consumerTag: consumerTag), deliveryTag: deliveryTag,
                                                 redelivered: redelivered, exchange: exchange, routingKey: routingKey)
        case .basicGetOk(let deliveryTag, let redelivered, let exchange, let routingKey, let messageCount):
            assembling[channel] = PendingContent(origin: .get(messageCount: messageCount), deliveryTag: deliveryTag,
                                                 redelivered: redelivered, exchange: exchange, routingKey: routingKey)
        case .basicReturn(let replyCode, let replyText, let exchange, let routingKey):
            assembling[channel] = PendingContent(origin: .return(replyCode: replyCode, replyText: replyText),
                                                 deliveryTag: 0, redelivered: false, exchange: exchange,
                                                 routingKey: routingKey)
        case .basicGetEmpty:
            gets[channel] = .some(nil)
        case .basicAck(let deliveryTag, let multiple):
            channels[channel]?.confirms?.recordAck(deliveryTag: deliveryTag, multiple: multiple)
        case .basicNack(let deliveryTag, let multiple):
            channels[channel]?.confirms?.recordNack(deliveryTag: deliveryTag, multiple: multiple)
        default:
            replies[channel] = method
        }
    }

    /// The broker closed `channel`: it is unusable from now on, its unacknowledged deliveries
    /// go back to their queues, and every call on it reports this close.
    private func channelClosedByBroker(_ channel: UInt16, replyCode: UInt16, replyText: String) {
        guard var state = channels[channel] else { return }
        state.status = .closedByBroker(replyCode: replyCode, replyText: replyText)
        state.closeUnreported = !state.consumers.isEmpty
        state.consumers = []
        state.confirms = nil
        channels[channel] = state
        deliveries.removeAll(onChannel: channel)
        assembling[channel] = nil
        gets[channel] = nil
        replies[channel] = nil
    }
}
