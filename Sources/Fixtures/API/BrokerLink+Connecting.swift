import AMQPClient
import Logging

extension BrokerLink {
    /// Connects, watches and reconnects until the task is cancelled.
    func maintainConnection() async {
        var backoff = Backoff.reconnect
        while !Task.isCancelled {
            if let session {
                if await isAlive(session) {
                    try? await Task.sleep(for: Self.watchInterval)
                    continue
                }
                await drop(session, because: "The connection to the broker at \(configuration.endpoint) was lost.")
            }
            do {
                session = try await connect()
                backoff.reset()
                downReason = ""
                logger.info("broker connected", metadata: ["broker": "\(configuration.endpoint)", "queue": "\(workQueue)"])
            } catch {
                let delay = backoff.nextDelay()
                noteDown("\(error)", retryingIn: delay)
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Opens the connection and the confirm channel, after checking that the work queue exists.
    private func connect() async throws -> Session {
        var configuration = configuration
        configuration.connectionName = "chaoslab api"
        let connection = try await AMQPConnection.connect(configuration)
        do {
            let channel = try await connection.openChannel()
            do {
                try await channel.declareQueue(workQueue, passive: true)
            } catch let error as AMQPError where error.replyCode == 404 {
                throw AMQPError(error.code, "The work queue \"\(workQueue)\" does not exist on the broker yet.")
            }
            try await channel.enablePublisherConfirms()
            let pipeline = PublishPipeline(connection: connection, channel: channel)
            return Session(connection: connection, channel: channel, pipeline: pipeline, pump: Task { await pipeline.pump() })
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Reads whatever the broker sent without waiting: a closed socket or a broker's
    /// connection.close shows up here instead of on the next request. The publishing channel
    /// has no consumers, so no delivery can arrive.
    private func isAlive(_ session: Session) async -> Bool {
        do {
            _ = try await session.connection.nextDelivery(timeout: .zero)
            return await session.connection.isOpen
        } catch is CancellationError {
            return true
        } catch {
            return false
        }
    }

    /// Forgets `session` if it is still the current one, and closes it.
    func drop(_ session: Session, because reason: String) async {
        guard let current = self.session, current.connection === session.connection else { return }
        self.session = nil
        noteDown(reason, retryingIn: nil)
        session.pump.cancel()
        await session.connection.close()
    }

    /// Records why the link is down and logs it when the reason is new.
    private func noteDown(_ reason: String, retryingIn delay: Duration?) {
        let isNew = reason != downReason
        downReason = reason
        guard isNew else { return }
        let retry = delay.map { " Retrying in \($0.secondsText)." } ?? ""
        logger.warning("broker disconnected: \(reason)\(retry)")
    }
}
