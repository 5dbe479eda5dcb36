public import AMQPClient
public import Foundation
public import Logging

/// The broker's firehose, followed for a whole run: tracing switched on for the stack's
/// virtual host, a queue of the lab's bound to `amq.rabbitmq.trace`, every event kept in order.
///
/// The broker forgets tracing whenever it restarts, so when the connection drops the tap
/// reconnects and switches tracing on again by itself; the time in between is an
/// ``ObservationGap``. ``stop()`` switches tracing off and removes the queue. The kept events
/// are bounded: past ``capacity`` the oldest go, and that is a gap too.
public actor FirehoseTap {
    /// How the tap reaches the broker and switches tracing.
    public struct Broker: Sendable {
        /// A fresh connection (the broker's address can change when it restarts). Throwing
        /// ``ObservationUnavailable`` means trying again is pointless.
        public var connect: @Sendable () async throws -> AMQPConnection
        /// Switches tracing on for the virtual host.
        public var enableTracing: @Sendable () async throws -> Void
        /// Switches it off; failures are the broker's business once the lab is done.
        public var disableTracing: @Sendable () async -> Void

        public init(
            connect: @escaping @Sendable () async throws -> AMQPConnection,
            enableTracing: @escaping @Sendable () async throws -> Void,
            disableTracing: @escaping @Sendable () async -> Void
        ) {
            self.connect = connect
            self.enableTracing = enableTracing
            self.disableTracing = disableTracing
        }
    }

    public let broker: Broker
    public let tokens: LabTokens
    /// The most events kept.
    public let capacity: Int
    private let logger: Logger
    private let queueName: String

    private var stored: [BrokerEvent] = []
    private var nextSequence = 0
    private var dropped = 0
    private var gapList: [ObservationGap] = []
    private var armedAt: Date?
    private var lastProblem: String?
    /// Set when arming failed in a way that retrying cannot mend.
    private var isHopeless = false
    private var pump: Task<Void, Never>?
    private var connection: AMQPConnection?

    public init(broker: Broker, tokens: LabTokens, capacity: Int = 500_000, logger: Logger) {
        self.broker = broker
        self.tokens = tokens
        self.capacity = capacity
        self.logger = logger
        self.queueName = "chaoslab.firehose.\(tokens.runID)"
    }

    /// How many of the lab's events the tap has taken in so far (dropped ones included).
    public var ingestedCount: Int { nextSequence }

    /// Starts following the firehose and waits until it is armed.
    /// - Throws: ``ObservationUnavailable`` when it could not be armed within `deadline`; the
    ///   tap is stopped then.
    public func start(deadline: Duration = .seconds(30)) async throws {
        guard pump == nil else { return }
        pump = Task { await self.follow() }
        do {
            try await waitUntilArmed(after: .distantPast, deadline: deadline)
        } catch {
            let problem = lastProblem ?? "no answer within \(Int(deadline.seconds)) s"
            // Anything but a hopeless tap gives the pump its full deadline.
            await stop()
            throw ObservationUnavailable(reason: "the firehose could not be switched on: \(problem)")
        }
    }

    /// Stops following, switches tracing off and closes the connection (the broker removes the
    /// lab's exclusive queue with it).
    public func stop() async {
        pump?.cancel()
        await pump?.value
        pump = nil
        if armedAt != nil {
            await broker.disableTracing()
        }
        await connection?.close()
        connection = nil
        if let open = gapList.indices.last, gapList[open].to == nil {
            gapList[open].to = Date()
        }
    }

    /// Whether events are flowing now.
    public var isArmed: Bool { armedAt != nil }

    /// Waits until the tap is armed by a connection made after `date` (after a broker restart,
    /// pass the restart's time).
    public nonisolated func waitUntilArmed(after date: Date, deadline: Duration) async throws {
        // `false` ends the wait too: the tap gave up, and waiting longer cannot help.
        let armed = try await Wait.until("the firehose to be armed", deadline: deadline, every: .milliseconds(100)) {
            await self.isArmed(after: date)
        }
        if !armed, let reason = await hopelessReason {
            throw ObservationUnavailable(reason: reason)
        }
    }

    /// `true` once armed after `date`, `false` if the tap gave up, `nil` meanwhile.
    private func isArmed(after date: Date) -> Bool? {
        if isHopeless { return false }
        guard let armedAt, armedAt > date else { return nil }
        return true
    }

    /// The events kept, from the first received at or after `since`.
    public func events(since: Date = .distantPast) -> [BrokerEvent] {
        var low = 0
        var high = stored.count
        while low < high {
            let middle = (low + high) / 2
            if stored[middle].receivedAt < since { low = middle + 1 } else { high = middle }
        }
        return Array(stored[low...])
    }

    private var hopelessReason: String? {
        isHopeless ? lastProblem ?? "the firehose cannot be armed" : nil
    }

    /// Every stretch of time the tap was not watching, oldest first.
    public var gaps: [ObservationGap] { gapList }

    // MARK: - The pump

    private func follow() async {
        while !Task.isCancelled {
            do {
                let connection = try await arm()
                while !Task.isCancelled {
                    if let message = try await connection.nextDelivery(timeout: .milliseconds(250)) {
                        ingest(message)
                    }
                }
            } catch is CancellationError {
                return
            } catch let unavailable as ObservationUnavailable where armedAt == nil && gapList.isEmpty {
                // Never armed, and no way to: say so at once instead of retrying to the deadline.
                lastProblem = unavailable.reason
                isHopeless = true
                return
            } catch {
                disarm(because: String(describing: error))
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// Connects, switches tracing on and starts consuming the lab's trace queue.
    private func arm() async throws -> AMQPConnection {
        await connection?.close()
        connection = nil
        let connection = try await broker.connect()
        self.connection = connection
        do {
            try await broker.enableTracing()
            let channel = try await connection.openChannel()
            try await channel.declareQueue(
                queueName, durable: false, exclusive: true, autoDelete: true,
                arguments: ["x-max-length": .int64(1_000_000)]
            )
            try await channel.bindQueue(queueName, to: "amq.rabbitmq.trace", routingKey: "#")
            try await channel.consume(queue: queueName, noAck: true, exclusive: true)
        } catch {
            await connection.close()
            self.connection = nil
            throw error
        }
        markArmed()
        return connection
    }

    private func markArmed() {
        let now = Date()
        armedAt = now
        lastProblem = nil
        if let open = gapList.indices.last, gapList[open].to == nil {
            gapList[open].to = now
            logger.debug("firehose armed again", metadata: ["after": "\(String(format: "%.1f", now.timeIntervalSince(gapList[open].from))) s"])
        }
    }

    private func disarm(because problem: String) {
        lastProblem = problem
        guard armedAt != nil else { return }
        armedAt = nil
        logger.debug("firehose lost", metadata: ["problem": "\(problem)"])
        gapList.append(ObservationGap(from: Date(), reason: "the firehose connection was lost (\(problem))"))
    }

    private func ingest(_ message: AMQPMessage) {
        guard let event = BrokerEvent(firehose: message, sequence: nextSequence, receivedAt: Date(), tokens: tokens) else { return }
        // The lab's own trace queue is never traced, but its deliveries to the lab would be
        // noise if a broker version did trace them.
        guard event.queue != queueName else { return }
        nextSequence += 1
        stored.append(event)
        // Cut a tenth at a time, so a full tap does not shift every event on every ingest.
        if stored.count > capacity + capacity / 10 {
            let cut = stored.count - capacity
            if dropped == 0 {
                gapList.append(ObservationGap(from: stored[0].receivedAt, to: stored[cut].receivedAt, reason: "more than \(capacity) events: the oldest were dropped"))
            }
            dropped += cut
            stored.removeFirst(cut)
        }
    }
}

/// The lab cannot watch the broker: it concludes nothing from what it did not see.
public struct ObservationUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String {
        "The lab cannot watch the broker: \(reason)."
    }
}
