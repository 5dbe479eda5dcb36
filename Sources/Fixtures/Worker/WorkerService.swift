import AMQPClient
import Logging
import ServiceLifecycle

/// A worker: consumes the work queue one message at a time, pretends to work on each for its
/// `work_ms`, then acknowledges it (or rejects it if it is poison), recording each outcome in
/// ``MessageLog`` and on stdout.
///
/// It reconnects with ``Backoff`` whenever the broker goes away. On graceful shutdown it stops
/// at once, even mid-message: the connection closes and the broker requeues whatever was not
/// acknowledged, for another worker to receive with `redelivered=true`.
struct WorkerService: Service {
    /// How long one wait for a delivery lasts before the loop looks around again.
    static let deliveryPoll: Duration = .milliseconds(500)
    /// How often an idle worker checks that its queue still exists: the broker drops the
    /// consumers of a deleted queue without telling the client, and a worker that did not
    /// check would sit idle forever once the queue is declared again.
    static let queueCheckInterval: Duration = .seconds(5)

    let configuration: FixtureConfiguration
    let messageLog: MessageLog
    let logger: Logger

    /// Manual acknowledgements, unless knob `auto-ack`.
    var acknowledges: Bool { !configuration.has(.autoAck) }
    /// 1, or unlimited (0) with knob `prefetch-unlimited`.
    var prefetch: UInt16 { configuration.has(.prefetchUnlimited) ? 0 : 1 }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.consumeUntilCancelled() }
        } catch is CancellationError {
            // Graceful shutdown: the expected way out.
        }
        logger.info("stopped")
    }

    /// Runs consuming sessions one after another, with backoff between failed ones.
    private func consumeUntilCancelled() async throws {
        var backoff = Backoff.reconnect
        var lastFailure = ""
        while true {
            try Task.checkCancellation()
            do {
                try await consumeSession { backoff.reset(); lastFailure = "" }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let delay = backoff.nextDelay()
                let reason = "\(error)"
                if reason != lastFailure {
                    logger.warning("broker connection failed: \(reason) Retrying in \(delay.secondsText).")
                    lastFailure = reason
                }
                try await Task.sleep(for: delay)
            }
        }
    }

    /// One connection: checks the queue, starts consuming and processes deliveries until the
    /// connection fails (throws its error) or the task is cancelled.
    private func consumeSession(onConsuming: () -> Void) async throws {
        var amqp = configuration.amqp
        amqp.connectionName = "chaoslab \(configuration.workerID)"
        let connection = try await AMQPConnection.connect(amqp)
        do {
            let channel = try await connection.openChannel()
            try await checkQueue(on: channel)
            if configuration.has(.idleWorker2), configuration.workerID == "worker2" {
                logger.info("knob idle-worker2: connected, not consuming \(configuration.workQueue)")
                while true {
                    _ = try await connection.nextDelivery(timeout: Self.deliveryPoll)
                }
            }
            try await channel.setPrefetch(count: prefetch)
            try await channel.consume(queue: configuration.workQueue, consumerTag: configuration.workerID, noAck: !acknowledges)
            onConsuming()
            logger.info("consuming \(configuration.workQueue) from \(amqp.endpoint) prefetch=\(prefetch) ack=\(acknowledges ? "manual" : "auto")")
            var lastQueueCheck = ContinuousClock.now
            while true {
                if let delivery = try await connection.nextDelivery(timeout: Self.deliveryPoll) {
                    try await process(delivery, on: channel, of: connection)
                } else if ContinuousClock.now - lastQueueCheck >= Self.queueCheckInterval {
                    try await checkQueue(on: channel)
                    lastQueueCheck = .now
                }
            }
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Passive declare of the work queue; a missing queue closes the channel and ends the session.
    private func checkQueue(on channel: AMQPChannel) async throws {
        do {
            try await channel.declareQueue(configuration.workQueue, passive: true)
        } catch let error as AMQPError where error.replyCode == 404 {
            throw AMQPError(error.code, "The work queue \"\(configuration.workQueue)\" does not exist on the broker.")
        }
    }
}
