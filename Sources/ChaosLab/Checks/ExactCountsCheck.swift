import Foundation

/// Each event is counted exactly once, across a crash of the counting consumer and of the
/// broker.
///
/// The lab publishes events the way the stack's producers do (their exchange, routing key,
/// body format and delivery mode), each under a fresh key of its own, so the counter's page
/// says for every single event whether it was counted, and how often. Then: steady events with
/// nothing failing; a burst during which the counting service is SIGKILLed and started again;
/// events queued while it is stopped, the broker SIGKILLed and started; heal and wait for the
/// counter to settle. Every confirmed event must show a count of exactly 1 at the end, and no
/// count may fall back between readings.
///
/// The counter's page is what the stack claims, so it decides the verdict; the broker (the
/// firehose, queue depth and durability, the consumer's ack mode) says why an event went
/// missing or was counted twice.
public struct ExactCountsCheck: ReliabilityCheck {
    /// Events published with nothing failing.
    public var steadyEvents: Int
    /// Events of the burst; the counter is killed after the first half.
    public var burstEvents: Int
    /// Events waiting in the queue when the broker is killed.
    public var queuedEvents: Int
    /// Requests to a producer's own trigger (``EventTrigger``), when it has one.
    public var triggerRequests: Int

    public init(steadyEvents: Int = 10, burstEvents: Int = 100, queuedEvents: Int = 20, triggerRequests: Int = 10) {
        self.steadyEvents = steadyEvents
        self.burstEvents = burstEvents
        self.queuedEvents = queuedEvents
        self.triggerRequests = triggerRequests
    }

    public var name: String { "exact-counts" }
    public var title: String { "Every event counted exactly once" }
    public var expectation: String {
        "\(steadyEvents + burstEvents + queuedEvents) confirmed events, each under its own key, across a SIGKILL of the counting service in the middle of a burst and a SIGKILL of the broker with \(queuedEvents) events queued: every key shows exactly 1, and no count ever falls back. Where a producer publishes one event per request (a trigger such as GET /cliente/uno), \(triggerRequests) requests first: its key's count rises by exactly the events the broker saw published."
    }
    /// The reference fixtures count nothing; the faulty counter example breaks this property.
    public var mutants: [FixtureKnob] { [] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let counter = context.roles.counter else {
            return .notApplicable("The stack has no service that counts events per key (counter role), so it claims no exact counts.")
        }
        let unknownRoute = "\(counter.service) counts events, but how the producers publish them (exchange, routing key, body with the counted field) is not known, so the lab cannot publish events of its own in their place and the crash phases were not run; declare events.routing_key and events.body_template in x-chaoslab."
        guard context.roles.events != nil || context.roles.trigger != nil else { return .inconclusive(unknownRoute) }
        try context.requireObservation()
        var triggerPart: PartFinding?
        if let trigger = context.roles.trigger {
            triggerPart = try await runTrigger(trigger, counter: counter, context: context)
        }
        guard let route = context.roles.events else {
            return CheckOutcome(parts: [triggerPart, .inconclusive(unknownRoute)].compactMap { $0 })
        }
        let prefix = String(context.token(name, 0).dropLast())
        let since = Date()
        let counterTarget = ServiceTarget(service: counter.service)
        var seen = ExactCountsObservation(counterService: counter.service, queue: context.roles.workQueue, route: route)
        seen.trigger = triggerPart
        var number = 0
        func nextTokens(_ count: Int) -> [String] {
            defer { number += count }
            return (1...count).map { context.token(name, number + $0) }
        }

        let start = try await context.readCounterWhenUp(counter, prefix: prefix)
        seen.record("before the first event", start)

        context.logger.info("exact-counts: \(steadyEvents) events to \(route.destination) with nothing failing")
        try await publish(nextTokens(steadyEvents), phase: .steady, route: route, context: context, into: &seen)
        seen.record("after the steady events", try await waitUntilCounted(seen, counter: counter, prefix: prefix, context: context))

        let burst = nextTokens(burstEvents)
        let half = burstEvents / 2
        try await publish(Array(burst.prefix(half)), phase: .counterKill, route: route, context: context, into: &seen)
        // The counter's channel can no longer be asked about once it is dead: the broker is
        // asked now how it acknowledges (auto-ack or not), which settles its deliveries.
        await context.observer.learnAsItHappens()
        context.logger.info("exact-counts: killing \(counter.service) with SIGKILL in the middle of a burst")
        seen.counterKillAt = try await context.faults.inject(.kill(counterTarget)).at
        try await publish(Array(burst.dropFirst(half)), phase: .counterKill, route: route, context: context, into: &seen)
        try await context.faults.inject(.start(counterTarget))
        await context.waitForWorkersConsuming()
        seen.record("when \(counter.service) answered again after its SIGKILL", try await context.readCounterWhenUp(counter, prefix: prefix))
        seen.record("with the burst counted", try await waitUntilCounted(seen, counter: counter, prefix: prefix, context: context))

        context.logger.info("exact-counts: \(queuedEvents) events queued with \(counter.service) stopped, then the broker SIGKILLed")
        await context.observer.learnAsItHappens()
        try await context.stopWorkers([counter.service])
        try await publish(nextTokens(queuedEvents), phase: .brokerKill, route: route, context: context, into: &seen)
        seen.queueBeforeBrokerKill = try? await context.broker.queue(named: context.roles.workQueue)
        let broker = ServiceTarget(service: context.roles.broker)
        let kill = try await context.faults.inject(.kill(broker))
        seen.brokerKillAt = kill.at
        try await context.faults.inject(.start(broker))
        seen.queueAfterBrokerKill = try await Wait.until("the broker to answer after its restart", deadline: .seconds(90), every: .milliseconds(500)) {
            try await context.broker.queues()
        }.first { $0.name == context.roles.workQueue }
        // The counter starts only once the lab watches again, so no delivery happens unseen.
        try await context.observer.waitUntilWatching(after: kill.at)
        try await context.faults.inject(.start(counterTarget))
        await context.waitForWorkersConsuming()
        let settled = try await settle(seen, counter: counter, prefix: prefix, context: context)
        seen.record("at the end, settled", settled.reading)
        await context.observer.learnAsItHappens()
        seen.settled = settled.drained

        seen.deliveries = await context.deliveries(prefix: prefix, since: since)
        for event in await context.observer.publishes(since: since) {
            if let token = event.token, token.hasPrefix(prefix) { seen.persistent[token] = event.persistent }
        }
        seen.gaps = await context.observer.gaps(since: since)
        var outcome = judge(seen)
        if let printed = await context.workerOutput(prefix: prefix, since: since) { outcome.evidence.append(printed) }
        return outcome
    }
}
