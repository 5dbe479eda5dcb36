import ChaosLab
import ChaosLabTesting
import Foundation
import Testing

extension LiveStack {
    /// The stack the parent suite owns.
    static var stack: ChaosStack {
        get throws {
            guard let stack = ChaosStack.current else { throw ChaosStackError.noStack(function: "LiveStack.stack") }
            return stack
        }
    }

    /// Makes the live stack run with exactly `knobs` on (none: the reference stack) and waits
    /// until Traefik routes to the API. A switch of the API's or the workers' knobs recreates
    /// those services alone, the broker and its queues left running (each check purges the work
    /// queue before it starts); a switch of the broker's recreates the whole stack, volumes
    /// included.
    static func ensure(_ knobs: Set<FixtureKnob> = []) async throws {
        let stack = try stack
        let ordered = FixtureKnob.allCases.filter(knobs.contains)
        var recreating: [String]?
        if let running = await stack.upEnvironment {
            let current = try FixtureKnob.parse([running[FixtureKnob.environmentVariable] ?? ""])
            recreating = stack.roles.servicesToRecreate(switchingKnobsFrom: Set(current), to: knobs)
        }
        try await stack.ensureUp(ordered.isEmpty ? [:] : FixtureKnob.environment(ordered), recreating: recreating)
        try await waitUntilRouted()
    }

    /// Runs `check` on the live stack with `knobs` on (none: the reference stack), with the
    /// reference roles changed by `adjust` (a stack of one worker, an API without work time).
    static func run(_ check: any ReliabilityCheck, knobs: Set<FixtureKnob> = [], roles adjust: @Sendable (inout StackRoles) -> Void = { _ in }) async throws -> CheckResult {
        try await ensure(knobs)
        return try await stack.run(check, roles: adjust)
    }
}

extension LiveStack {
    /// Waits until Traefik routes to the API: it picks a container up a moment after the
    /// container turns healthy, so a fresh stack can answer 404 for a few hundred milliseconds.
    static func waitUntilRouted() async throws {
        _ = try await HTTPProbe.withProbe { http in
            try await Wait.until("Traefik to route \(proxiedAPI)/api/health", deadline: .seconds(30), every: .milliseconds(200)) { () async throws -> Int? in
                let exchange = try await http.send("GET", "\(proxiedAPI)/api/health", timeout: .seconds(2))
                return exchange.status == 200 ? exchange.status : nil
            }
        }
    }
}
