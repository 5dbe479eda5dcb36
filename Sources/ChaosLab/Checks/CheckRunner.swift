import Foundation

/// Runs checks one at a time on one stack, each from a known state, and turns what they
/// conclude into ``CheckResult``s with timing and the faults they injected.
///
/// Before each check every service runs and the work queue is empty; after it, the faults it
/// left in force are undone and, if it injected any, the runner waits until the workers
/// consume again, so the order of checks does not matter.
public struct CheckRunner: Sendable {
    public let context: CheckContext

    public init(context: CheckContext) {
        self.context = context
    }

    /// Runs `check` and never throws: a check that cannot conclude gets an error verdict.
    public func run(_ check: any ReliabilityCheck) async -> CheckResult {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let faultsBefore = await context.faults.events.count
        let outcome: CheckOutcome
        do {
            try await prepare()
            outcome = try await check.run(in: context)
        } catch is CancellationError {
            outcome = .inconclusive("The check was cancelled before it could conclude.")
        } catch {
            outcome = .inconclusive("The check could not conclude: \(error)")
        }
        let healFailures = await context.faults.heal()
        let events = Array(await context.faults.events.dropFirst(faultsBefore))
        if !events.isEmpty {
            await settle()
        }
        var reason = outcome.reason
        if !healFailures.isEmpty {
            reason += " Afterwards the stack could not be restored: \(healFailures.joined(separator: "; "))."
        }
        return CheckResult(
            check: check.name,
            title: check.title,
            verdict: outcome.verdict,
            reason: reason,
            expectation: check.expectation,
            figures: outcome.figures,
            evidence: outcome.evidence,
            faults: events,
            messages: outcome.messages,
            soak: outcome.soak,
            startedAt: startedAt,
            duration: clock.now - start
        )
    }

    /// Every service running (stopped ones started) and the work queue empty.
    func prepare() async throws {
        for instance in try await context.stack.instances() where instance.state != .running {
            if instance.state == .paused {
                try await context.faults.inject(.unpause(instance.target))
            } else {
                try await context.faults.inject(.start(instance.target))
            }
        }
        try await waitForBroker()
        await waitForHealthchecks()
        try await context.purge(context.roles.workQueue)
    }

    /// Waits (up to 60 s) until no running instance's healthcheck is still `starting`: a
    /// restarted broker stays `starting` until its first passing check, and Traefik leaves a
    /// container that is not healthy out of its routes, so a check after a broker restart would
    /// otherwise judge routes the stack serves once it is back. An instance that turns
    /// `unhealthy` ends the wait; that is for the checks to find.
    func waitForHealthchecks() async {
        _ = try? await Wait.until("every healthcheck to pass or fail", deadline: .seconds(60), every: .milliseconds(500)) { () async throws -> Bool? in
            let starting = try await context.stack.instances().filter { $0.state == .running && $0.health == .starting }
            return starting.isEmpty ? true : nil
        }
    }

    /// Waits (up to 60 s) until the broker answers and has the work queue.
    func waitForBroker() async throws {
        try await Wait.until("the broker to answer", deadline: .seconds(60), every: .milliseconds(500)) {
            try await context.consumers(of: context.roles.workQueue)
        }
    }

    /// Waits until the stack can take the first check: the broker answers, every worker
    /// consumes and the API is healthy (each bounded; what stays missing is the checks' to find).
    public func waitUntilReady() async throws {
        try await waitForBroker()
        // Where services start in no order (Swarm), a worker may consume before the broker has
        // finished booting and lose it once more: once per stack, the consumers must hold 2 s.
        await settle(consumersHolding: context.stack.startsInDependencyOrder ? .zero : .seconds(2))
    }

    /// Waits (bounded) until every healthcheck has come to a verdict, every worker consumes the
    /// work queue again after faults and the API answers directly and through the proxy.
    func settle(consumersHolding holding: Duration = .zero) async {
        await waitForHealthchecks()
        await context.waitForWorkersConsuming(holding: holding)
        if let api = context.roles.api, let health = api.healthPath {
            // Directly, then through the proxy: Traefik picks a container up a moment after it
            // turns healthy.
            for base in [api.baseURL] + (api.proxiedBaseURL.map { [$0] } ?? []) {
                _ = try? await Wait.until("\(base)\(health) to answer 200", deadline: .seconds(30), every: .milliseconds(300)) { () async throws -> Int? in
                    let exchange = try await context.http.send("GET", base + health, timeout: .seconds(2))
                    return exchange.status == 200 ? exchange.status : nil
                }
            }
        }
    }
}
