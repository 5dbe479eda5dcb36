public import AMQPClient
public import Foundation
public import Logging

/// The lab's one way of seeing what happens to messages: the broker as witness.
///
/// It follows the firehose for the whole run (``FirehoseTap``), learns which container is
/// behind each client address and what limits each consumer channel has, notes when a queue
/// is seen empty, and turns all of it into deliveries with outcomes through the
/// ``DeliveryLedger``. It needs nothing from the stack's code: no log format, no record file.
///
/// When it cannot watch (no broker login, tracing refused), ``unavailable`` says why and every
/// delivery-based check is inconclusive with that reason.
public actor BrokerObserver {
    public let stack: any StackDriver
    public let roles: StackRoles
    /// How the observer reaches the broker.
    public let line: BrokerLine
    /// Live ready counts and consumers of a queue, over AMQP.
    public let peek: QueuePeek
    /// Why the lab cannot watch the broker; `nil` while it can.
    public nonisolated let unavailable: String?
    private let tap: FirehoseTap?
    private let logger: Logger

    private var consumers: [ChannelAddress: ConsumerFacts] = [:]
    /// The service behind each client address (`172.20.0.5`), as last seen, and behind each
    /// connection (`172.20.0.5:41234 -> …`) as it was when the connection was first seen:
    /// Docker hands a stopped container's address to the next container that starts, so an
    /// address alone can name a different worker from one restart to the next.
    private var names: [String: String] = [:]
    /// Connections whose service is pinned in ``names``.
    private var namedConnections: Set<String> = []
    private var drains: [DrainMark] = []
    /// Where ``learnAsItHappens()`` got to.
    private var learnedUpTo = Date.distantPast
    private var lastNameRefresh: ContinuousClock.Instant?
    private var lastFactsRefresh: ContinuousClock.Instant?
    /// When the consumer list was last asked for, by the wall clock the events carry.
    private var lastFactsRead: Date?

    private init(line: BrokerLine, tap: FirehoseTap?, unavailable: String?, logger: Logger) {
        self.stack = line.stack
        self.roles = line.roles
        self.line = line
        self.peek = QueuePeek(line: line)
        self.tap = tap
        self.unavailable = unavailable
        self.logger = logger
    }

    /// Starts watching the broker of `stack`. Never throws: if the broker cannot be watched,
    /// the observer says why in ``unavailable``.
    /// - Parameters:
    ///   - stack: the stack whose broker to watch.
    ///   - roles: the broker's address and login, and the queues.
    ///   - runID: the run whose tokens the lab looks for in message bodies.
    ///   - logger: receives what the observer could not do.
    public static func start(stack: any StackDriver, roles: StackRoles, runID: String, logger: Logger) async -> BrokerObserver {
        let line = BrokerLine(stack: stack, roles: roles, http: HTTPProbe(), runID: runID)
        let broker = FirehoseTap.Broker(
            connect: { try await line.connect(connectionName: "chaoslab firehose") },
            enableTracing: { try await line.setTracing(true) },
            disableTracing: { try? await line.setTracing(false) }
        )
        let tap = FirehoseTap(broker: broker, tokens: LabTokens(runID: runID), logger: logger)
        do {
            try await tap.start()
            return BrokerObserver(line: line, tap: tap, unavailable: nil, logger: logger)
        } catch {
            logger.warning("cannot watch the broker", metadata: ["problem": "\(error)"])
            return BrokerObserver(line: line, tap: nil, unavailable: "\(error)", logger: logger)
        }
    }

    /// Stops watching and switches the broker's tracing off.
    public func stop() async {
        await tap?.stop()
        await peek.close()
        await line.removeLabUser()
        try? await line.http.shutdown()
    }

    // MARK: - What the broker saw

    /// Every delivery made since `since` (of every message, the lab's or not), settled as far
    /// as the broker shows, in the order the broker made them.
    public func deliveries(since: Date) async -> [BrokerDelivery] {
        guard let tap else { return [] }
        let events = await tap.events(since: since)
        await learn(about: events)
        return DeliveryLedger(events: events, consumers: consumers, drains: drains, names: names).deliveries
    }

    /// Learns now who is behind the deliveries since the last call (container names, each
    /// consumer's acknowledgement mode and limit), as a long run must while it goes: the ledger
    /// settles deliveries by those facts, and the channel of a worker killed later can no longer
    /// be asked about. A soak calls it once a second.
    public func learnAsItHappens() async {
        guard let tap else { return }
        let events = await tap.events(since: learnedUpTo)
        guard let last = events.last else { return }
        learnedUpTo = last.receivedAt
        await learn(about: events)
    }

    /// The deliveries from `queue` of the lab's messages whose token starts with
    /// `tokenPrefix`, as timeline bars.
    public func traces(tokenPrefix: String, queue: String, since: Date) async -> [MessageTrace] {
        await deliveries(since: since).filter { $0.queue == queue && ($0.token?.hasPrefix(tokenPrefix) ?? false) }.compactMap(\.trace)
    }

    /// The publishes the firehose reported since `since`.
    public func publishes(since: Date) async -> [BrokerEvent] {
        guard let tap else { return [] }
        return await tap.events(since: since).filter { $0.kind == .published }
    }

    /// Every stretch of time since `since` in which the lab was not watching.
    public func gaps(since: Date) async -> [ObservationGap] {
        guard let tap else { return [] }
        return await tap.gaps.filter { ($0.to ?? .distantFuture) >= since }
    }

    /// The consumers of `queue` the broker knows now, each with its service. Read live with
    /// `rabbitmqctl` (the management API lists a consumer only after its next statistics
    /// round), else through the management API.
    public func consumerFacts(of queue: String) async -> [(service: String, facts: ConsumerFacts)] {
        let current: [ConsumerFacts]
        if let live = try? await line.probe.consumerFacts() {
            current = live
        } else {
            current = (try? await line.consumerFacts()) ?? []
        }
        for facts in current { consumers[facts.channel] = facts }
        lastFactsRead = Date()
        await refreshNames(force: true)
        // Only the consumers there now: channels of workers killed earlier keep their facts
        // for the ledger, but are no consumers any more.
        return current.filter { $0.queue == queue }.sorted { $0.channel < $1.channel }.map { facts in
            (names[facts.channel.connection.text] ?? names[facts.channel.connection.peerHost] ?? facts.channel.connection.peerHost, facts)
        }
    }

    /// The service behind a client address, or the address.
    public func name(of address: String) async -> String {
        if names[address] == nil { await refreshNames(force: false) }
        return names[address] ?? address
    }

    /// Waits until the firehose is armed again after the broker restarted at `date`.
    public func waitUntilWatching(after date: Date, deadline: Duration = .seconds(60)) async throws {
        guard let tap else { throw ObservationUnavailable(reason: unavailable ?? "the firehose is off") }
        try await tap.waitUntilArmed(after: date, deadline: deadline)
    }

    /// Waits until the firehose has brought no new event of the lab's for `quiet`, at most
    /// `deadline`: once nothing is published or delivered any more, that is when the tap has
    /// taken in everything the broker traced (at a soak's rate it can lag behind by seconds).
    /// - Returns: whether it went quiet within the deadline.
    @discardableResult
    public func waitUntilQuiet(for quiet: Duration = .seconds(1), deadline: Duration = .seconds(30)) async -> Bool {
        guard let tap else { return true }
        let clock = ContinuousClock()
        let end = clock.now + deadline
        var last = await tap.ingestedCount
        var since = clock.now
        while clock.now < end {
            try? await Task.sleep(for: .milliseconds(200))
            let count = await tap.ingestedCount
            if count != last {
                last = count
                since = clock.now
            } else if clock.now - since >= quiet {
                return true
            }
        }
        return false
    }

    /// Asks the broker whether `queue` holds nothing, ready or unacknowledged; if so, every
    /// delivery from it before the question was settled, and that is noted.
    /// - Returns: whether it was empty.
    @discardableResult
    public func noteIfDrained(_ queue: String) async -> Bool {
        let asked = Date()
        guard let status = try? await line.probe.queue(named: queue), status.ready == 0, status.unacknowledged == 0 else { return false }
        drains.append(DrainMark(queue: queue, at: asked))
        return true
    }

    // MARK: - Learning names and limits

    private func learn(about events: [BrokerEvent]) async {
        let channels = Set(events.compactMap { $0.kind == .delivered ? $0.channel : nil })
        let fresh = Set(channels.map(\.connection)).filter { !namedConnections.contains($0.text) }
        if !fresh.isEmpty {
            // A connection never seen before, perhaps from an address another container had:
            // ask Docker now, and pin the name to the connection while its container runs.
            let live = await refreshNames(force: true)
            for connection in fresh where live.contains(connection.peerHost) {
                names[connection.text] = names[connection.peerHost]
                namedConnections.insert(connection.text)
            }
        } else if channels.contains(where: { names[$0.connection.peerHost] == nil }) {
            await refreshNames(force: false)
        }
        // A channel the broker delivered on had its consumer registered by then: a list read
        // before that delivery cannot have it, so read again at once.
        let unknown = events.filter { $0.kind == .delivered && $0.channel.map { consumers[$0] == nil } == true }
        if let newest = unknown.last {
            await refreshConsumers(force: (lastFactsRead ?? .distantPast) < newest.receivedAt, covering: Set(unknown.compactMap(\.channel)))
        }
    }

    /// Maps every container address of the stack to its service (at most once a second
    /// unless forced); addresses seen before keep their service after a container goes.
    /// Returns the addresses the stack's containers have now (empty when not asked).
    @discardableResult
    private func refreshNames(force: Bool) async -> Set<String> {
        let now = ContinuousClock.now
        if !force, let last = lastNameRefresh, now - last < .seconds(1) { return [] }
        lastNameRefresh = now
        guard let instances = try? await stack.instances() else { return [] }
        var live: Set<String> = []
        for instance in instances {
            for address in instance.addresses {
                // One container of a scaled worker service is a worker of its own.
                let replica = ServiceTarget.workerName(service: instance.service, index: instance.index)
                names[address] = roles.workers.contains(replica) ? replica : instance.service
                live.insert(address)
            }
        }
        return live
    }

    /// Reads every consumer's limits (at most once a second unless forced); channels seen
    /// before keep their facts after they close.
    private func refreshConsumers(force: Bool, covering needed: Set<ChannelAddress> = []) async {
        let now = ContinuousClock.now
        if !force, let last = lastFactsRefresh, now - last < .seconds(1) { return }
        lastFactsRefresh = now
        lastFactsRead = Date()
        do {
            for facts in try await line.consumerFacts(covering: needed) {
                consumers[facts.channel] = facts
            }
        } catch {
            logger.debug("consumers unreadable", metadata: ["problem": "\(error)"])
        }
    }
}
