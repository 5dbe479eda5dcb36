import Foundation

extension ExactCountsCheck {
    /// What the trigger part saw: the requests to a producer's own way in, the count of its
    /// key before and after, and how many of its events the broker saw published.
    struct TriggerObservation: Sendable {
        var trigger: EventTrigger
        var counterService: String
        var queue: String
        /// One attempt per request, with its HTTP status.
        var requests: [PublishAttempt]
        /// The key's count before the first request, and once the counter settled.
        var before: Int
        var after: Int
        /// Events carrying the key that the firehose saw published while the part ran.
        var published: Int
        /// Whether the queue drained and the count stopped changing before the last reading.
        var drained: Bool
        var gaps: [ObservationGap] = []
        /// How long the first request was repeated while Traefik had no router for it yet.
        var waitedForRoute: Duration?
    }

    /// Requests the trigger ``triggerRequests`` times, one after another, then reads the
    /// counter until every event the broker saw published for the key is counted, the queue
    /// empty, or 30 s pass.
    func runTrigger(_ trigger: EventTrigger, counter: CounterRole, context: CheckContext) async throws -> PartFinding {
        let since = Date()
        let before = try await context.readCount(of: trigger.key, on: counter)
        context.logger.info("exact-counts: \(triggerRequests) requests to \(trigger.url), each publishing one event for \(trigger.key)")
        var requests: [PublishAttempt] = []
        var routedAfter: Duration?
        for number in 1...triggerRequests {
            let token = "\(trigger.key) request \(number)"
            if number == 1 {
                let (attempt, waited) = await firstTriggerRequest(trigger, token: token, context: context)
                requests.append(attempt)
                routedAfter = waited
            } else {
                requests.append(await triggerRequest(trigger, token: token, context: context).attempt)
            }
        }
        // The key's count, and the events naming it the broker saw published so far.
        let settled = try await settleCounter(
            context: context, deadline: .seconds(30),
            read: { (count: try await context.readCount(of: trigger.key, on: counter), published: await publishedEvents(for: trigger.key, since: since, context: context)) },
            unchanged: { $0.count == $1.count },
            counted: { $0.count - before >= $0.published }
        )
        let (after, published, drained) = (settled.reading.count, settled.reading.published, settled.drained)
        return judgeTrigger(TriggerObservation(
            trigger: trigger, counterService: counter.service, queue: context.roles.workQueue, requests: requests,
            before: before, after: after, published: published, drained: drained, gaps: await context.observer.gaps(since: since),
            waitedForRoute: routedAfter
        ))
    }

    /// One GET to the trigger, as an attempt with its answer, and whether the answer was
    /// Traefik's own 404 (no router took it, so it published nothing).
    private func triggerRequest(_ trigger: EventTrigger, token: String, context: CheckContext) async -> (attempt: PublishAttempt, unrouted: Bool) {
        let at = Date()
        do {
            let exchange = try await context.http.send("GET", trigger.url, timeout: .seconds(10))
            let attempt = PublishAttempt(token: token, at: at, status: exchange.status, detail: String(exchange.body.prefix(200)), took: exchange.duration)
            return (attempt, exchange.isTraefikUnrouted)
        } catch {
            return (PublishAttempt(token: token, at: at, status: nil, detail: "\(error)", took: .seconds(Date().timeIntervalSince(at))), false)
        }
    }

    /// The first request, sent again (every 500 ms, for up to 15 s) while Traefik answers its
    /// own 404: on a stack just up, Traefik adds a healthy producer's router a moment later, and
    /// an unrouted request publishes nothing, so asking again changes no count. Returns how long
    /// it waited, when it had to.
    private func firstTriggerRequest(_ trigger: EventTrigger, token: String, context: CheckContext) async -> (PublishAttempt, Duration?) {
        let clock = ContinuousClock()
        let start = clock.now
        var last = await triggerRequest(trigger, token: token, context: context)
        if last.unrouted {
            // On timeout (or cancellation) the last answer, Traefik's 404, is the attempt.
            _ = try? await Wait.until("Traefik to route \(trigger.url)", deadline: .seconds(15), every: .milliseconds(500)) { () async -> PublishAttempt? in
                last = await triggerRequest(trigger, token: token, context: context)
                return last.unrouted ? nil : last.attempt
            }
        }
        return (last.attempt, clock.now - start > .seconds(1) ? clock.now - start : nil)
    }

    /// The events the firehose saw published since `since` whose body names `key` as a value
    /// (`"app1"` or `'app1'`), to the producers' exchange and routing key when those are known.
    private func publishedEvents(for key: String, since: Date, context: CheckContext) async -> Int {
        let route = context.roles.events
        return await context.observer.publishes(since: since).filter { event in
            if let route, event.exchange != route.exchange || !event.routingKeys.contains(route.routingKey) { return false }
            return event.body.contains("\"\(key)\"") || event.body.contains("'\(key)'")
        }.count
    }

    /// The trigger part's verdict: a pure function, tested without a stack.
    func judgeTrigger(_ seen: TriggerObservation) -> PartFinding {
        let (url, key, counter) = (seen.trigger.url, seen.trigger.key, seen.counterService)
        let answered = seen.requests.filter(\.acknowledged)
        let counted = seen.after - seen.before
        let figures = [
            Figure("trigger.requests", "requests to \(url)", Double(seen.requests.count), unit: "requests"),
            Figure("trigger.answered", "of them answered 2xx", Double(answered.count), unit: "requests"),
            Figure("trigger.published", "events for \(key) the broker saw published (firehose)", Double(seen.published), unit: "events"),
            Figure("trigger.counted", "rise of \(key)'s count on \(counter)'s page", Double(counted), unit: "events"),
        ]
        let statuses = Dictionary(grouping: seen.requests, by: \.answer).map { "\($1.count) × \($0)" }.sorted()
        let routeWait = seen.waitedForRoute.map { "the first request was repeated for \(String(format: "%.1f", $0.seconds)) s while Traefik answered its own 404 (no router for \(url) yet); those answers published nothing" }
        let evidence = [Evidence(source: "counter", title: "\(seen.requests.count) requests to \(url), the producers' own way in", lines: [routeWait].compactMap { $0 } + [
            "answers: \(statuses.joined(separator: ", "))",
            "the firehose saw \(seen.published) events naming \(key) published",
            "\(key) on \(counter)'s page: \(seen.before) before the first request, \(seen.after) at the end",
        ] + seen.requests.filter { !$0.acknowledged }.prefix(5).map { "\($0.token): \($0.answer) \($0.detail.prefix(120))" })]
        func finding(_ outcome: PartFinding.Outcome, _ sentence: String) -> PartFinding {
            PartFinding(outcome: outcome, sentence: sentence, figures: figures, evidence: evidence)
        }

        if let gap = seen.gaps.first {
            return finding(.inconclusive, "The requests to \(url) could not be judged: the lab was not watching the broker the whole time (\(gap)).")
        }
        guard let first = seen.requests.first else {
            return finding(.notApplicable, "No request was sent to \(url).")
        }
        if answered.isEmpty {
            return finding(.inconclusive, "None of the \(seen.requests.count) requests to \(url) answered 2xx (\(first.answer) \(first.detail.prefix(120))), so the producer's own way in published nothing the lab could count.")
        }
        if seen.published < answered.count {
            return finding(.broken, "\(answered.count) requests to \(url) answered 2xx, but the broker saw only \(seen.published) events for \(key) published: the producer answered success for \(answered.count - seen.published) events it never published")
        }
        if counted < seen.published, !seen.drained {
            return finding(.inconclusive, "\(counter) had counted \(counted) of the \(seen.published) events for \(key) published through \(url) when the lab stopped waiting, with \(seen.queue) not drained after 30 s, so the lab cannot say the rest are lost.")
        }
        if counted < seen.published {
            return finding(.broken, "\(seen.published) events for \(key) were published through \(url) (the firehose saw each) with nothing failing, but \(key)'s count on \(counter)'s page rose by only \(counted) (\(seen.before) → \(seen.after)): \(seen.published - counted) lost between the broker and the page")
        }
        if counted > seen.published {
            return finding(.broken, "\(key)'s count on \(counter)'s page rose by \(counted) (\(seen.before) → \(seen.after)) for \(seen.published) events published through \(url): \(counted - seen.published) counted twice")
        }
        return finding(.held, "Through the producers' own way in, \(answered.count) requests to \(url) published \(seen.published) events for \(key), and its count on \(counter)'s page rose by exactly \(counted).")
    }
}
