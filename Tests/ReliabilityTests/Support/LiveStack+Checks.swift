import ChaosLab
import Foundation
import Logging

extension LiveStack {
    /// Runs `check` on the live stack with `knobs` on (none: the reference stack), with the
    /// reference roles changed by `adjust` (a stack of one worker, an API without work time).
    static func run(_ check: any ReliabilityCheck, knobs: Set<FixtureKnob> = [], roles adjust: @Sendable (inout StackRoles) -> Void = { _ in }) async throws -> CheckResult {
        try await KnobState.shared.ensure(knobs)
        var roles = StackRoles.reference(environment: environment)
        adjust(&roles)
        return try await run(check, roles: roles, observer: await LiveObserver.shared.current())
    }

    private static func run(_ check: any ReliabilityCheck, roles: StackRoles, observer: BrokerObserver) async throws -> CheckResult {
        try await HTTPProbe.withProbe { http in
            let context = CheckContext(
                stack: driver,
                roles: roles,
                observer: observer,
                http: http,
                faults: FaultInjector(stack: driver),
                logger: Logger(label: "chaoslab.tests"),
                runID: LiveObserver.shared.runID
            )
            let runner = CheckRunner(context: context)
            try await runner.waitUntilReady()
            return await runner.run(check)
        }
    }
}

extension CheckResult {
    /// The result in a few lines, for test failure messages.
    var summary: String {
        ([("\(check): \(verdict.rawValue) — \(reason)")] + figures.map { "  \($0)" }).joined(separator: "\n")
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
