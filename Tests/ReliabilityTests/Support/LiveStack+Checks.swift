import ChaosLab
import Foundation
import Logging

extension LiveStack {
    /// Runs `check` on the live stack with `knobs` on (none: the reference stack).
    static func run(_ check: any ReliabilityCheck, knobs: Set<FixtureKnob> = []) async throws -> CheckResult {
        try await KnobState.shared.ensure(knobs)
        return try await HTTPProbe.withProbe { http in
            let context = CheckContext(
                stack: driver,
                roles: StackRoles.reference(environment: environment),
                http: http,
                faults: FaultInjector(stack: driver),
                logger: Logger(label: "chaoslab.tests"),
                runID: CheckContext.newRunID()
            )
            return await CheckRunner(context: context).run(check)
        }
    }
}

extension CheckResult {
    /// The result in a few lines, for test failure messages.
    var summary: String {
        ([("\(check): \(verdict.rawValue) — \(reason)")] + figures.map { "  \($0)" }).joined(separator: "\n")
    }
}
