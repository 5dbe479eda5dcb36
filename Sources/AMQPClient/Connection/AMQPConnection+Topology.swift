internal import CRabbitMQ

// Queues, exchanges and bindings: synchronous methods with arguments tables.
extension AMQPConnection {
    func declareQueue(
        channel: UInt16, name: String, passive: Bool, durable: Bool, exclusive: Bool, autoDelete: Bool,
        arguments: AMQPTable
    ) async throws -> QueueState {
        let operation = "queue.declare of \"\(name)\""
        let pool = CPool()
        var method = amqp_queue_declare_t(
            ticket: 0, queue: try pool.shortString(name, "queue name"), passive: flag(passive), durable: flag(durable),
            exclusive: flag(exclusive), auto_delete: flag(autoDelete), nowait: 0,
            arguments: try TableCodec.encode(arguments, into: pool))
        return try await rpc(operation, channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_QUEUE_DECLARE, &method) }
        } reply: { reply in
            if case .queueDeclareOk(let queue) = reply { return queue }
            return nil
        }
    }

    func deleteQueue(channel: UInt16, name: String, ifUnused: Bool, ifEmpty: Bool) async throws -> UInt32 {
        let pool = CPool()
        var method = amqp_queue_delete_t(ticket: 0, queue: try pool.shortString(name, "queue name"),
                                         if_unused: flag(ifUnused), if_empty: flag(ifEmpty), nowait: 0)
        return try await rpc("queue.delete of \"\(name)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_QUEUE_DELETE, &method) }
        } reply: { reply in
            if case .queueDeleteOk(let count) = reply { return count }
            return nil
        }
    }

    func purgeQueue(channel: UInt16, name: String) async throws -> UInt32 {
        let pool = CPool()
        var method = amqp_queue_purge_t(ticket: 0, queue: try pool.shortString(name, "queue name"), nowait: 0)
        return try await rpc("queue.purge of \"\(name)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_QUEUE_PURGE, &method) }
        } reply: { reply in
            if case .queuePurgeOk(let count) = reply { return count }
            return nil
        }
    }

    func bindQueue(channel: UInt16, queue: String, exchange: String, routingKey: String, arguments: AMQPTable) async throws {
        let pool = CPool()
        var method = amqp_queue_bind_t(
            ticket: 0, queue: try pool.shortString(queue, "queue name"),
            exchange: try pool.shortString(exchange, "exchange name"),
            routing_key: try pool.shortString(routingKey, "routing key"), nowait: 0,
            arguments: try TableCodec.encode(arguments, into: pool))
        try await rpc("queue.bind of \"\(queue)\" to \"\(exchange)\" with key \"\(routingKey)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_QUEUE_BIND, &method) }
        } reply: { reply in
            if case .queueBindOk = reply { return () }
            return nil
        }
    }

    func declareExchange(
        channel: UInt16, name: String, type: String, passive: Bool, durable: Bool, autoDelete: Bool, internal: Bool,
        arguments: AMQPTable
    ) async throws {
        let pool = CPool()
        var method = amqp_exchange_declare_t(
            ticket: 0, exchange: try pool.shortString(name, "exchange name"),
            type: try pool.shortString(type, "exchange type"), passive: flag(passive), durable: flag(durable),
            auto_delete: flag(autoDelete), internal: flag(`internal`), nowait: 0,
            arguments: try TableCodec.encode(arguments, into: pool))
        try await rpc("exchange.declare of \"\(name)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_EXCHANGE_DECLARE, &method) }
        } reply: { reply in
            if case .exchangeDeclareOk = reply { return () }
            return nil
        }
    }

    func deleteExchange(channel: UInt16, name: String, ifUnused: Bool) async throws {
        let pool = CPool()
        var method = amqp_exchange_delete_t(ticket: 0, exchange: try pool.shortString(name, "exchange name"),
                                            if_unused: flag(ifUnused), nowait: 0)
        try await rpc("exchange.delete of \"\(name)\"", channel: channel) { state in
            withExtendedLifetime(pool) { amqp_send_method(state, channel, CHAOSLAB_EXCHANGE_DELETE, &method) }
        } reply: { reply in
            if case .exchangeDeleteOk = reply { return () }
            return nil
        }
    }
}
