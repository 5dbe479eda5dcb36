import Foundation
public import Logging

/// A series of checks on one stack: brings the stack up with the given knobs, runs the checks
/// one at a time, and always takes the stack down (volumes included), also when a check
/// throws or the task is cancelled.
public struct LabSession: Sendable {
    public let stack: any StackDriver
    public let roles: StackRoles
    public let logger: Logger
    /// The services whose logs a run collects; asked when the logs are collected, so a driver
    /// can read them from what it brought up.
    public let serviceNames: @Sendable () async -> [String]

    /// Creates a session on any driver.
    /// - Parameters:
    ///   - stack: brings the stack up and down, and reads its logs.
    ///   - roles: what each service is for.
    ///   - logger: receives progress at info level.
    ///   - serviceNames: the services whose logs a run collects.
    public init(stack: any StackDriver, roles: StackRoles, logger: Logger, serviceNames: @escaping @Sendable () async -> [String]) {
        self.stack = stack
        self.roles = roles
        self.logger = logger
        self.serviceNames = serviceNames
    }

    /// Creates a session on a compose project; the logs collected are those of the services
    /// its compose file declares.
    public init(stack: ComposeDriver, roles: StackRoles, logger: Logger) {
        self.init(stack: stack, roles: roles, logger: logger, serviceNames: {
            (try? await stack.loadComposeFile().serviceNames) ?? []
        })
    }

    /// Runs `checks` on a fresh stack with `knobs` on.
    /// - Parameters:
    ///   - keepUp: leave the stack running afterwards (for inspection).
    ///   - onStart: called before each check.
    ///   - onResult: called after each check with its result.
    ///   - collectLogs: if given, receives every service's log (by service) before teardown.
    /// - Returns: the results, in order.
    public func run(
        _ checks: [any ReliabilityCheck],
        knobs: [FixtureKnob] = [],
        keepUp: Bool = false,
        onStart: @Sendable (any ReliabilityCheck) -> Void = { _ in },
        onResult: @Sendable (CheckResult) -> Void = { _ in },
        collectLogs: (@Sendable ([String: String]) -> Void)? = nil
    ) async throws -> [CheckResult] {
        let knobText = knobs.isEmpty ? "no knobs" : "knobs \(FixtureKnob.environmentValue(knobs))"
        logger.info("bringing \(stack.projectName) up with \(knobText)")
        try await stack.down()
        try await stack.up(UpOptions(environment: FixtureKnob.environment(knobs), deadline: .seconds(240)))
        let outcome: Result<[CheckResult], any Error> = await {
            do {
                return .success(try await HTTPProbe.withProbe { http in
                    let context = CheckContext(
                        stack: stack, roles: roles, http: http, faults: FaultInjector(stack: stack),
                        logger: logger, runID: CheckContext.newRunID()
                    )
                    let runner = CheckRunner(context: context)
                    try await runner.waitUntilReady()
                    var results: [CheckResult] = []
                    for check in checks {
                        try Task.checkCancellation()
                        onStart(check)
                        let result = await runner.run(check)
                        results.append(result)
                        onResult(result)
                    }
                    return results
                })
            } catch {
                return .failure(error)
            }
        }()
        if let collectLogs {
            var logs: [String: String] = [:]
            for service in await serviceNames() {
                let lines = (try? await stack.logs(ServiceTarget(service: service))) ?? []
                logs[service] = lines.map { line in
                    "\(line.timestamp.map { $0.formatted(.iso8601.time(includingFractionalSeconds: true).year().month().day()) } ?? "-") \(line.stream.rawValue) \(line.text)"
                }.joined(separator: "\n") + "\n"
            }
            collectLogs(logs)
        }
        if !keepUp {
            logger.info("taking \(stack.projectName) down")
            // Not cancelled with the caller: teardown must finish.
            try await Task { [stack] in try await stack.down() }.value
        }
        return try outcome.get()
    }
}
