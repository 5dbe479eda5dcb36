import AMQPClient

/// What a soak's AMQP lanes publish through: one connection's confirm channel, pipelined.
protocol SoakPublisher: Sendable {
    /// Writes `messages` without waiting; their sequence numbers, in order.
    func publish(_ messages: [AMQPOutgoingMessage]) async throws -> [UInt64]
    /// The verdicts that came within `timeout` (at least one, or none when the time ran out).
    func confirmed(timeout: Duration) async throws -> [ConfirmedPublish]
    /// Closes the connection; called once, when the lane is done with it.
    func close() async
}

/// A publisher on a real connection: one channel in confirm mode.
struct ChannelPublisher: SoakPublisher {
    let connection: AMQPConnection
    let channel: AMQPChannel

    /// Opens a confirm channel on `connection`, closing the connection if that fails.
    static func open(_ connection: AMQPConnection) async throws -> ChannelPublisher {
        do {
            let channel = try await connection.openChannel()
            try await channel.enablePublisherConfirms()
            return ChannelPublisher(connection: connection, channel: channel)
        } catch {
            await connection.close()
            throw error
        }
    }

    func publish(_ messages: [AMQPOutgoingMessage]) async throws -> [UInt64] {
        try await channel.publishPipelined(messages)
    }

    func confirmed(timeout: Duration) async throws -> [ConfirmedPublish] {
        try await channel.confirmedPublishes(timeout: timeout)
    }

    func close() async {
        await connection.close()
    }
}
