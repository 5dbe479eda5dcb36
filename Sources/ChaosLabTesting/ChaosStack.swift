public import ChaosLab
public import Foundation
public import Logging

/// A compose stack a test suite owns: brought up by ``ChaosStackTrait`` before the suite's
/// first test and always taken down after its last, with the roles the lab resolved for it.
///
/// Tests reach it as ``ChaosStack/current`` (or through ``expectPass(_:roles:sourceLocation:)``
/// and its siblings) and run checks on it one at a time. Every result is kept, and the trait
/// writes them as a report set when the suite ends.
public actor ChaosStack {
    /// The stack of the suite the current test runs in; `nil` outside a `.chaosStack` suite.
    @TaskLocal public static var current: ChaosStack?

    /// Brings the stack up, takes it down and reads it.
    public nonisolated let driver: any StackDriver
    /// The file that describes the stack, for the report.
    public nonisolated let composeFile: String
    /// What each service is for: declared, inferred or given to the trait.
    public nonisolated let roles: StackRoles
    /// How the roles were found, when the resolver found them (`nil` when given).
    public nonisolated let resolution: RolesResolution?
    /// Receives the lab's progress at info level.
    public nonisolated let logger: Logger
    /// The run id of every token the checks publish on this stack.
    public nonisolated let runID = CheckContext.newRunID()

    /// The environment the stack was last brought up with; `nil` while it is down.
    private var environment: [String: String]?
    private var observer: BrokerObserver?
    private var results: [CheckResult] = []
    /// Every environment other than the plain one a check ran with, for the report's header.
    private var settings: [String] = []
    private let startedAt = Date()

    /// A stack on any driver; ``ChaosStackTrait`` makes one on a compose project.
    public init(driver: any StackDriver, composeFile: String, roles: StackRoles, resolution: RolesResolution? = nil, logger: Logger) {
        self.driver = driver
        self.composeFile = composeFile
        self.roles = roles
        self.resolution = resolution
        self.logger = logger
    }

    /// Every check result so far, in run order.
    public var checkResults: [CheckResult] { results }

    /// Runs `check` on the stack (brought back up first if a test released it), with the
    /// suite's roles changed by `adjust`, waits until the stack is ready for it, and keeps the
    /// result for the suite's report.
    @discardableResult
    public func run(_ check: any ReliabilityCheck, roles adjust: @Sendable (inout StackRoles) -> Void = { _ in }) async throws -> CheckResult {
        try await ensureUp(environment ?? [:])
        var checkRoles = roles
        adjust(&checkRoles)
        let observer = await currentObserver()
        let result = try await HTTPProbe.withProbe { [driver, logger, runID] http in
            let context = CheckContext(
                stack: driver, roles: checkRoles, observer: observer, http: http,
                faults: FaultInjector(stack: driver), logger: logger, runID: runID
            )
            let runner = CheckRunner(context: context)
            try await runner.waitUntilReady()
            return await runner.run(check)
        }
        var kept = result
        let setting = Self.describe(environment ?? [:])
        if let setting {
            // A result is read later without the test beside it: it says what the stack ran with.
            kept.evidence.insert(Evidence(source: "lab", title: "The stack this check ran on", lines: ["brought up with \(setting)"]), at: 0)
            if !settings.contains(setting) { settings.append(setting) }
        }
        results.append(kept)
        return kept
    }

    /// The environment a stack was brought up with, as `NAME=value` pairs (empty values left
    /// out); `nil` when there is nothing to say.
    static func describe(_ environment: [String: String]) -> String? {
        let pairs = environment.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return pairs.isEmpty ? nil : pairs.joined(separator: " ")
    }

    /// Makes the stack run with exactly `environment` on top of the process's own (a fault
    /// knob, a feature switch), recreating it, volumes included, when that differs from what it
    /// runs with now; a no-op when it is the same.
    public func ensureUp(_ environment: [String: String]) async throws {
        try await ensureUp(environment, recreating: nil)
    }

    /// Makes the stack run with exactly `environment`, as ``ensureUp(_:)`` does, but, when it
    /// runs already and its driver can, recreates only `services`, the ones the caller knows
    /// read what changed (a worker's fault knob): the others keep running, the broker its
    /// queues, and a switch takes seconds instead of a whole stack's start. `nil`, a stack that
    /// is down, or a driver that recreates everything: the whole stack is recreated, volumes
    /// included. The broker observer starts afresh either way, so it learns the new consumers.
    public func ensureUp(_ environment: [String: String], recreating services: [String]?) async throws {
        guard environment != self.environment else { return }
        guard let services, self.environment != nil, driver.recreatesSelectedServices else {
            try await release()
            try await driver.up(UpOptions(environment: environment, deadline: .seconds(240)))
            self.environment = environment
            return
        }
        guard !services.isEmpty else {
            self.environment = environment
            return
        }
        await stopObserving()
        // Until the switch is done the stack runs with neither environment: a failed one leaves
        // it to be recreated whole.
        self.environment = nil
        try await driver.up(UpOptions(environment: environment, deadline: .seconds(240), services: services))
        self.environment = environment
    }

    /// The environment the stack was last brought up with on top of the process's own; `nil`
    /// while it is down.
    public var upEnvironment: [String: String]? { environment }

    /// Stops watching and takes the stack down, volumes included, so something else can use
    /// its ports; the next ``run(_:roles:)`` or ``ensureUp(_:)`` brings it back. The trait calls
    /// it after the suite's last test, also on failure and cancellation.
    public func release() async throws {
        await stopObserving()
        environment = nil
        // Not cancelled with the caller: a removal stopped half-way leaves half a stack.
        try await Task { [driver] in try await driver.down() }.value
    }

    /// The broker observer the checks share, started on first use and after each recreation.
    private func currentObserver() async -> BrokerObserver {
        if let observer { return observer }
        let started = await BrokerObserver.start(stack: driver, roles: roles, runID: runID, logger: logger)
        observer = started
        return started
    }

    private func stopObserving() async {
        await observer?.stop()
        observer = nil
    }

    /// The suite's results as a run report.
    func report(duration: Duration) -> RunReport {
        RunReport(
            project: driver.projectName, composeFile: composeFile, knobs: settings,
            startedAt: startedAt, duration: duration, results: results,
            roles: resolution?.text, rolesSummary: resolution?.summary
        )
    }
}
