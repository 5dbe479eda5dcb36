import AMQPClient

/// The API's publishes on one confirm channel, pipelined: each request writes its message and
/// waits for its own confirm, while one pump collects every confirm the broker sends and hands
/// each to its request.
///
/// Waiting this way costs one trip to the connection's thread per request; with every request
/// waiting on the connection itself, each confirm woke all of them in turn, and that churn,
/// not the broker, set the API's pace.
actor PublishPipeline {
    /// How long the pump waits for confirms before it looks at deadlines and the connection.
    static let pumpSlice: Duration = .milliseconds(100)

    /// What a waiting request is told.
    enum Answer: Sendable {
        case confirmed(PublishConfirmation)
        /// No confirm within the request's deadline; the connection is still up.
        case timedOut
        /// The connection or the channel failed; no confirm will come.
        case failed(String)
    }

    private struct Waiter {
        let continuation: CheckedContinuation<Answer, Never>
        let deadline: ContinuousClock.Instant
    }

    let connection: AMQPConnection
    let channel: AMQPChannel
    private var waiters: [UInt64: Waiter] = [:]
    /// Confirms that came before their request started waiting for them.
    private var early: [UInt64: PublishConfirmation] = [:]
    /// Why the pipeline stopped, once it has.
    private var failure: String?
    /// The broker's connection.blocked, as last seen by the pump.
    private(set) var isBlocked = false
    private var blockedCheckedAt = ContinuousClock.now

    init(connection: AMQPConnection, channel: AMQPChannel) {
        self.connection = connection
        self.channel = channel
    }

    /// Publishes `message` and waits up to `timeout` for the broker's verdict.
    func publish(_ message: AMQPOutgoingMessage, timeout: Duration) async -> Answer {
        if let failure { return .failed(failure) }
        let sequence: UInt64
        do {
            guard let written = try await channel.publishPipelined([message]).first else {
                return .failed("The publish was not written.")
            }
            sequence = written
        } catch let error as AMQPError {
            return .failed(error.message)
        } catch {
            return .failed("The publish was cancelled: \(error).")
        }
        if let confirmation = early.removeValue(forKey: sequence) { return .confirmed(confirmation) }
        if let failure { return .failed(failure) }
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { continuation in
            waiters[sequence] = Waiter(continuation: continuation, deadline: deadline)
        }
    }

    /// Collects confirms until the connection or the channel fails, or the task is cancelled;
    /// then every request still waiting is told.
    func pump() async {
        while !Task.isCancelled {
            do {
                let confirmed = try await channel.confirmedPublishes(timeout: Self.pumpSlice)
                for confirmation in confirmed {
                    if let waiter = waiters.removeValue(forKey: confirmation.sequence) {
                        waiter.continuation.resume(returning: .confirmed(confirmation.confirmation))
                    } else {
                        early[confirmation.sequence] = confirmation.confirmation
                    }
                }
                let now = ContinuousClock.now
                if now - blockedCheckedAt >= Self.pumpSlice {
                    blockedCheckedAt = now
                    isBlocked = await connection.isBlocked
                }
                expire(now: now)
            } catch is CancellationError {
                break
            } catch let error as AMQPError {
                fail(error.message)
                return
            } catch {
                fail("\(error)")
                return
            }
        }
        fail("The API stopped publishing.")
    }

    /// Tells every request past its deadline that no confirm came.
    private func expire(now: ContinuousClock.Instant) {
        for (sequence, waiter) in waiters where waiter.deadline <= now {
            waiters[sequence] = nil
            waiter.continuation.resume(returning: .timedOut)
        }
    }

    private func fail(_ reason: String) {
        failure = failure ?? reason
        for waiter in waiters.values { waiter.continuation.resume(returning: .failed(failure ?? reason)) }
        waiters = [:]
        early = [:]
    }
}
