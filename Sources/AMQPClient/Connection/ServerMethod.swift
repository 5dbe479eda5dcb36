internal import CRabbitMQ

/// A method frame from the broker, copied out of rabbitmq-c's frame memory into Swift values
/// (so the frame can be released at once), reduced to the methods this client acts on.
enum ServerMethod: Sendable {
    case connectionClose(replyCode: UInt16, replyText: String)
    case connectionCloseOk
    case connectionBlocked(reason: String)
    case connectionUnblocked
    case channelOpenOk
    case channelClose(replyCode: UInt16, replyText: String)
    case channelCloseOk
    case channelFlow(active: Bool)
    case exchangeDeclareOk
    case exchangeDeleteOk
    case queueDeclareOk(QueueState)
    case queueBindOk
    case queuePurgeOk(messageCount: UInt32)
    case queueDeleteOk(messageCount: UInt32)
    case basicQosOk
    case basicConsumeOk(consumerTag: String)
    case basicCancelOk(consumerTag: String)
    case basicReturn(replyCode: UInt16, replyText: String, exchange: String, routingKey: String)
    case basicDeliver(consumerTag: String, deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String)
    case basicGetOk(deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String, messageCount: UInt32)
    case basicGetEmpty
    case basicAck(deliveryTag: UInt64, multiple: Bool)
    case basicNack(deliveryTag: UInt64, multiple: Bool)
    case confirmSelectOk
    /// A method this client never asks for; kept by number for error messages.
    case other(id: UInt32)

    init(_ method: amqp_method_t) {
        func fields<T>(_ type: T.Type) -> T {
            method.decoded.assumingMemoryBound(to: T.self).pointee
        }
        switch method.id {
        case CHAOSLAB_CONNECTION_CLOSE:
            let close = fields(amqp_connection_close_t.self)
            self = .connectionClose(replyCode: close.reply_code, replyText: close.reply_text.string)
        case CHAOSLAB_CONNECTION_CLOSE_OK: self = .connectionCloseOk
        case CHAOSLAB_CONNECTION_BLOCKED:
            self = .connectionBlocked(reason: fields(amqp_connection_blocked_t.self).reason.string)
        case CHAOSLAB_CONNECTION_UNBLOCKED: self = .connectionUnblocked
        case CHAOSLAB_CHANNEL_OPEN_OK: self = .channelOpenOk
        case CHAOSLAB_CHANNEL_CLOSE:
            let close = fields(amqp_channel_close_t.self)
            self = .channelClose(replyCode: close.reply_code, replyText: close.reply_text.string)
        case CHAOSLAB_CHANNEL_CLOSE_OK: self = .channelCloseOk
        case CHAOSLAB_CHANNEL_FLOW: self = .channelFlow(active: fields(amqp_channel_flow_t.self).active != 0)
        case CHAOSLAB_EXCHANGE_DECLARE_OK: self = .exchangeDeclareOk
        case CHAOSLAB_EXCHANGE_DELETE_OK: self = .exchangeDeleteOk
        case CHAOSLAB_QUEUE_DECLARE_OK:
            let ok = fields(amqp_queue_declare_ok_t.self)
            self = .queueDeclareOk(QueueState(name: ok.queue.string, messageCount: ok.message_count,
                                              consumerCount: ok.consumer_count))
        case CHAOSLAB_QUEUE_BIND_OK: self = .queueBindOk
        case CHAOSLAB_QUEUE_PURGE_OK:
            self = .queuePurgeOk(messageCount: fields(amqp_queue_purge_ok_t.self).message_count)
        case CHAOSLAB_QUEUE_DELETE_OK:
            self = .queueDeleteOk(messageCount: fields(amqp_queue_delete_ok_t.self).message_count)
        case CHAOSLAB_BASIC_QOS_OK: self = .basicQosOk
        case CHAOSLAB_BASIC_CONSUME_OK:
            self = .basicConsumeOk(consumerTag: fields(amqp_basic_consume_ok_t.self).consumer_tag.string)
        case CHAOSLAB_BASIC_CANCEL_OK:
            self = .basicCancelOk(consumerTag: fields(amqp_basic_cancel_ok_t.self).consumer_tag.string)
        case CHAOSLAB_BASIC_RETURN:
            let ret = fields(amqp_basic_return_t.self)
            self = .basicReturn(replyCode: ret.reply_code, replyText: ret.reply_text.string,
                                exchange: ret.exchange.string, routingKey: ret.routing_key.string)
        case CHAOSLAB_BASIC_DELIVER:
            let deliver = fields(amqp_basic_deliver_t.self)
            self = .basicDeliver(consumerTag: deliver.consumer_tag.string, deliveryTag: deliver.delivery_tag,
                                 redelivered: deliver.redelivered != 0, exchange: deliver.exchange.string,
                                 routingKey: deliver.routing_key.string)
        case CHAOSLAB_BASIC_GET_OK:
            let ok = fields(amqp_basic_get_ok_t.self)
            self = .basicGetOk(deliveryTag: ok.delivery_tag, redelivered: ok.redelivered != 0,
                               exchange: ok.exchange.string, routingKey: ok.routing_key.string,
                               messageCount: ok.message_count)
        case CHAOSLAB_BASIC_GET_EMPTY: self = .basicGetEmpty
        case CHAOSLAB_BASIC_ACK:
            let ack = fields(amqp_basic_ack_t.self)
            self = .basicAck(deliveryTag: ack.delivery_tag, multiple: ack.multiple != 0)
        case CHAOSLAB_BASIC_NACK:
            let nack = fields(amqp_basic_nack_t.self)
            self = .basicNack(deliveryTag: nack.delivery_tag, multiple: nack.multiple != 0)
        case CHAOSLAB_CONFIRM_SELECT_OK: self = .confirmSelectOk
        default: self = .other(id: method.id)
        }
    }

    /// The AMQP name, e.g. `basic.deliver`, for error messages.
    var name: String {
        switch self {
        case .connectionClose: "connection.close"
        case .connectionCloseOk: "connection.close-ok"
        case .connectionBlocked: "connection.blocked"
        case .connectionUnblocked: "connection.unblocked"
        case .channelOpenOk: "channel.open-ok"
        case .channelClose: "channel.close"
        case .channelCloseOk: "channel.close-ok"
        case .channelFlow: "channel.flow"
        case .exchangeDeclareOk: "exchange.declare-ok"
        case .exchangeDeleteOk: "exchange.delete-ok"
        case .queueDeclareOk: "queue.declare-ok"
        case .queueBindOk: "queue.bind-ok"
        case .queuePurgeOk: "queue.purge-ok"
        case .queueDeleteOk: "queue.delete-ok"
        case .basicQosOk: "basic.qos-ok"
        case .basicConsumeOk: "basic.consume-ok"
        case .basicCancelOk: "basic.cancel-ok"
        case .basicReturn: "basic.return"
        case .basicDeliver: "basic.deliver"
        case .basicGetOk: "basic.get-ok"
        case .basicGetEmpty: "basic.get-empty"
        case .basicAck: "basic.ack"
        case .basicNack: "basic.nack"
        case .confirmSelectOk: "confirm.select-ok"
        case .other(let id): String(cString: amqp_method_name(id))
        }
    }
}
