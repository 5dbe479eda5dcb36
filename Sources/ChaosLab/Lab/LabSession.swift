public import Foundation
public import Logging

/// A series of checks on one stack: brings the stack up with the given knobs, runs the checks
/// one at a time, and always takes the stack down (volumes included), also when a check
/// throws or the task is cancelled.
///
/// A session holds the project's ``ProjectLock`` while it runs, unless the task it runs in
/// holds it already (a command or a test suite that holds the project for longer).
public struct LabSession: Sendable {
    public let stack: any StackDriver
    public let roles: StackRoles
    public let logger: Logger
    /// The services whose logs a run collects; asked when the logs are collected, so a driver
    /// can read them from what it brought up.
    public let serviceNames: @Sendable () async -> [String]
    /// How a person removes the stack by hand, for when the session cannot: one or more
    /// commands, each in backquotes.
    public let removal: String
    /// Where the project's ``ProjectLock`` is.
    public let lockDirectory: URL

    /// Creates a session on any driver.
    /// - Parameters:
    ///   - stack: brings the stack up and down, and reads its logs.
    ///   - roles: what each service is for.
    ///   - logger: receives progress at info level.
    ///   - serviceNames: the services whose logs a run collects.
    ///   - removal: how a person removes the stack by hand.
    ///   - lockDirectory: where the project's ``ProjectLock`` is.
    public init(
        stack: any StackDriver,
        roles: StackRoles,
        logger: Logger,
        serviceNames: @escaping @Sendable () async -> [String],
        removal: String,
        lockDirectory: URL = ProjectLock.defaultDirectory
    ) {
        self.stack = stack
        self.roles = roles
        self.logger = logger
        self.serviceNames = serviceNames
        self.removal = removal
        self.lockDirectory = lockDirectory
    }

    /// Runs `checks` on a fresh stack with `knobs` on.
    /// - Parameters:
    ///   - checks: run one at a time, in this order.
    ///   - knobs: the fault knobs the stack is brought up with (none: as it is).
    ///   - keepUp: leave the stack running afterwards (for inspection).
    ///   - onStart: called before each check.
    ///   - onResult: called after each check with its result.
    ///   - collectLogs: read every service's log before teardown, into ``LabRun/logs``.
    /// - Returns: everything learnt once the stack was up, also when the run was cancelled or
    ///   the stack could not be taken down.
    /// - Throws: ``ProjectLockError`` when another run holds the project; what removing an
    ///   earlier stack or bringing this one up threw (no check ran; a failed `up` removes
    ///   what it started).
    public func run(
        _ checks: [any ReliabilityCheck],
        knobs: [FixtureKnob] = [],
        keepUp: Bool = false,
        onStart: @Sendable (any ReliabilityCheck) -> Void = { _ in },
        onResult: @Sendable (CheckResult) -> Void = { _ in },
        collectLogs: Bool = false
    ) async throws -> LabRun {
        try await ProjectLock.holding(stack.projectName, in: lockDirectory) {
            let knobText = knobs.isEmpty ? "no knobs" : "knobs \(FixtureKnob.environmentValue(knobs))"
            logger.info("bringing \(stack.projectName) up with \(knobText)")
            // Not cancelled with the caller: a removal stopped half-way leaves exactly what it
            // was to remove.
            try await Task { [stack] in try await stack.down() }.value
            try Task.checkCancellation()
            try await stack.up(UpOptions(environment: FixtureKnob.environment(knobs), deadline: .seconds(240)))
            let (done, stoppedBy) = await runChecks(checks, onStart: onStart, onResult: onResult)
            let results = done + checks.dropFirst(done.count).map { notRun($0, stoppedBy: stoppedBy) }
            // Logs are what a grader reads when a run was interrupted: read them in full.
            let logs = collectLogs ? await Task { await self.logs() }.value : [:]
            return LabRun(results: results, stoppedBy: stoppedBy, logs: logs, teardown: await tearDown(keepUp: keepUp))
        }
    }

    /// Runs the checks in order until the last or until the task is cancelled; returns the
    /// results so far and, if it stopped early, why.
    private func runChecks(
        _ checks: [any ReliabilityCheck],
        onStart: @Sendable (any ReliabilityCheck) -> Void,
        onResult: @Sendable (CheckResult) -> Void
    ) async -> ([CheckResult], (any Error)?) {
        var results: [CheckResult] = []
        do {
            let runID = CheckContext.newRunID()
            let observer = await BrokerObserver.start(stack: stack, roles: roles, runID: runID, logger: logger)
            do {
                try await HTTPProbe.withProbe { http in
                    let context = CheckContext(
                        stack: stack, roles: roles, observer: observer, http: http, faults: FaultInjector(stack: stack),
                        logger: logger, runID: runID
                    )
                    let runner = CheckRunner(context: context)
                    try await runner.waitUntilReady()
                    for check in checks {
                        try Task.checkCancellation()
                        onStart(check)
                        let result = await runner.run(check)
                        results.append(result)
                        onResult(result)
                    }
                }
            } catch {
                await observer.stop()
                throw error
            }
            await observer.stop()
            return (results, nil)
        } catch {
            return (results, error)
        }
    }

    /// The result of a check the session never started.
    private func notRun(_ check: any ReliabilityCheck, stoppedBy: (any Error)?) -> CheckResult {
        let why = switch stoppedBy {
        case is CancellationError, nil: "the run was stopped before this check started"
        case let error?: "the lab could not start the checks (\("\(error)".sentenceBody))"
        }
        return CheckResult(
            check: check.name, title: check.title, verdict: .inconclusive, reason: "Not run: \(why).",
            expectation: check.expectation, startedAt: Date(), duration: .zero
        )
    }

    /// Every service's log, one line per log line with its time and stream.
    private func logs() async -> [String: String] {
        var logs: [String: String] = [:]
        for service in await serviceNames() {
            let lines = (try? await stack.logs(ServiceTarget(service: service))) ?? []
            logs[service] = lines.map { line in
                "\(line.timestamp.map { $0.formatted(.iso8601.time(includingFractionalSeconds: true).year().month().day()) } ?? "-") \(line.stream.rawValue) \(line.text)"
            }.joined(separator: "\n") + "\n"
        }
        return logs
    }

    /// Takes the stack down unless asked to keep it; a failure is kept, not thrown, so the
    /// results survive it.
    private func tearDown(keepUp: Bool) async -> LabRun.Teardown {
        if keepUp {
            logger.info("leaving \(stack.projectName) up")
            return .kept(removal: removal)
        }
        logger.info("taking \(stack.projectName) down")
        do {
            // Not cancelled with the caller: teardown must finish.
            try await Task { [stack] in try await stack.down() }.value
            return .removed
        } catch {
            logger.error("could not take \(stack.projectName) down", metadata: ["error": "\(error)"])
            return .failed(TeardownError(project: stack.projectName, error: error, removal: removal))
        }
    }
}
