extension AMQPChannel {
    /// Writes `messages` without waiting for the broker, and returns the sequence number of
    /// each, in order. Their confirms come from ``confirmedPublishes(timeout:)``.
    ///
    /// The channel must be in confirm mode. If it throws, some of the messages may have been
    /// written: their outcomes, should they come, carry sequence numbers the caller never got,
    /// and are to be ignored.
    public func publishPipelined(_ messages: [AMQPOutgoingMessage]) async throws -> [UInt64] {
        try await connection.publishPipelined(channel: id, messages: messages)
    }

    /// Waits up to `timeout` until the broker settled at least one pipelined publish, and
    /// returns every verdict that came since the last call, in the order they came; an empty
    /// array when none came in time. That order is not always the publishes': the broker acks
    /// an unroutable mandatory message (after its return) at once, ahead of earlier ones still
    /// being written to their queues, so match verdicts to publishes by sequence number. A zero timeout looks at what
    /// has arrived without waiting.
    ///
    /// Throws when the channel or the connection is closed (the publishes still in flight
    /// then have no outcome), and `CancellationError` when the task is cancelled.
    public func confirmedPublishes(timeout: Duration) async throws -> [ConfirmedPublish] {
        try await connection.confirmedPublishes(channel: id, timeout: timeout)
    }

    /// Publishes `messages` back to back, then waits up to `confirmTimeout` for all of their
    /// confirms: one round trip for the batch instead of one per message. Returns each
    /// message's verdict, in order; `nil` for one that got none in time.
    ///
    /// The channel must be in confirm mode. Other publishes on the channel, one by one or
    /// pipelined, may run meanwhile.
    public func publishBatch(
        _ messages: [AMQPOutgoingMessage], confirmTimeout: Duration = .seconds(5)
    ) async throws -> [PublishConfirmation?] {
        try await connection.publishBatch(channel: id, messages: messages, confirmTimeout: confirmTimeout)
    }
}
