public import ChaosLab
public import Foundation
import Logging
public import Testing

/// A suite trait that brings a compose stack up once for a suite and always takes it down.
///
/// ```swift
/// @Suite(.serialized, .chaosStack(compose: "deploy/compose.yml"))
/// struct ReleaseChecks {
///     @Test func redelivery() async throws { try await expectPass(RedeliveryCheck()) }
/// }
/// ```
///
/// Before the suite's first test the trait takes the project's lock, ChaosLab's `ProjectLock` (a
/// `chaoslab run` on the same project meanwhile is refused), removes whatever an interrupted run left,
/// brings the stack up and waits until every service is healthy. The suite's tests reach the
/// stack as ``ChaosStack/current``. After the last test, on success, failure or cancellation,
/// it stops watching the broker, takes the stack down with its volumes, and writes every check
/// result as a report set (`index.html`, `report.md`, `junit.xml`, `report.json`) to
/// ``reportDirectory``. A teardown that fails fails the suite.
///
/// Put the suite under `.serialized`: checks inject faults into the one stack, so they run one
/// at a time.
public struct ChaosStackTrait: SuiteTrait, TestScoping {
    /// Where the stack's roles come from.
    public enum Roles: Sendable {
        /// Resolved as `chaoslab run --stack` resolves them: the compose file's `x-chaoslab`,
        /// a `chaoslab.yml` beside it, then inference from the services and their code.
        case resolved
        /// Resolved, with this roles file (`chaoslab.yml` form) taking precedence.
        case file(String)
        /// Given as they are: no resolution.
        case given(StackRoles)
    }

    /// The compose file, absolute or relative to the current directory (the package's root
    /// under `swift test`).
    public var composeFile: String
    /// The compose project; `nil`: `CHAOSLAB_PROJECT` when set, else one named after the
    /// compose file's folder, as `chaoslab run --stack` names it.
    public var project: String?
    public var roles: Roles
    /// Where the suite's report set is written; `nil`: `reports/swift-test/<suite name>`
    /// under the current directory, or under `CHAOSLAB_TEST_REPORTS` when that is set.
    public var reportDirectory: String?
    /// How long `up` may take, builds and healthchecks included.
    public var upDeadline: Duration

    public var isRecursive: Bool { false }

    public init(composeFile: String, project: String? = nil, roles: Roles = .resolved, reportDirectory: String? = nil, upDeadline: Duration = .seconds(240)) {
        self.composeFile = composeFile
        self.project = project
        self.roles = roles
        self.reportDirectory = reportDirectory
        self.upDeadline = upDeadline
    }

    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let stack = try makeStack()
        let directory = reportDirectory.map { URL(fileURLWithPath: $0) } ?? Self.defaultReportDirectory(suite: test.displayName ?? test.name)
        try await Self.own(stack, reportTo: directory, performing: function)
    }

    /// Holds the project's lock, brings `stack` up, runs `function` with it as
    /// ``ChaosStack/current``, then always takes it down and writes its results to `directory`;
    /// rethrows what `function` threw, else what the teardown threw.
    static func own(
        _ stack: ChaosStack, reportTo directory: URL, lockDirectory: URL = ProjectLock.defaultDirectory,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await ProjectLock.holding(stack.driver.projectName, in: lockDirectory) {
            let outcome: Result<Void, any Error>
            do {
                try await stack.ensureUp([:])
                try await ChaosStack.$current.withValue(stack) {
                    try await function()
                }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            // Teardown must run even when the suite was cancelled.
            let teardown = await Task { () -> Result<Void, any Error> in
                do { try await stack.release(); return .success(()) } catch { return .failure(error) }
            }.value
            writeReport(await stack.report(duration: clock.now - start), to: directory, logger: stack.logger)
            try outcome.get()
            try teardown.get()
        }
    }

    /// The stack's driver and roles, resolved before anything starts: bad input stops here.
    func makeStack() throws -> ChaosStack {
        let environment = ProcessInfo.processInfo.environment
        let path = composeFile.hasPrefix("/") ? composeFile : FileManager.default.currentDirectoryPath + "/" + composeFile
        var configuration = ComposeConfiguration.fromEnvironment(environment)
        configuration.composeFile = path
        if let project {
            configuration.projectName = project
        } else if (environment["CHAOSLAB_PROJECT"] ?? "").isEmpty {
            configuration.projectName = ComposeConfiguration.stackProjectName(for: path)
        }
        try configuration.validate()
        let logger = Logger(label: "chaoslab.testing")
        let driver = ComposeDriver(configuration: configuration, logger: logger)
        switch roles {
        case .given(let given):
            return ChaosStack(driver: driver, composeFile: path, roles: given, logger: logger)
        case .resolved, .file:
            let rolesFile: String? = if case .file(let file) = roles { file } else { nil }
            let resolver = RolesResolver(environment: RolesResolver.environment(forComposeFile: path))
            let resolution = try resolver.resolve(composeFile: path, rolesFile: rolesFile)
            guard let resolved = resolution.roles else {
                throw ChaosStackError.incompleteRoles(composeFile: path, missing: resolution.missing.filter(\.isEssential).map(\.field.rawValue))
            }
            return ChaosStack(driver: driver, composeFile: path, roles: resolved, resolution: resolution, logger: logger)
        }
    }

    /// Writes the suite's report set; a report that cannot be written is logged, never thrown
    /// over the suite's own outcome.
    private static func writeReport(_ report: RunReport, to directory: URL, logger: Logger) {
        guard !report.results.isEmpty else { return }
        do {
            try ReportWriter(directory: directory).write(report)
            logger.info("chaoslab report: \(directory.path)/index.html")
        } catch {
            logger.error("the chaoslab report could not be written to \(directory.path): \(error)")
        }
    }

    /// `reports/swift-test/<suite>` under `CHAOSLAB_TEST_REPORTS` or the current directory.
    static func defaultReportDirectory(suite: String) -> URL {
        let base = ProcessInfo.processInfo.environment["CHAOSLAB_TEST_REPORTS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.currentDirectoryPath + "/reports/swift-test"
        let name = String(suite.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return URL(fileURLWithPath: base).appendingPathComponent(name.isEmpty ? "suite" : name)
    }
}

extension Trait where Self == ChaosStackTrait {
    /// Runs the suite against the compose stack in `compose`, brought up once and always taken
    /// down; see ``ChaosStackTrait``.
    /// - Parameters:
    ///   - compose: the compose file, absolute or relative to the current directory.
    ///   - project: the compose project; `nil` names it as `chaoslab run --stack` does.
    ///   - roles: where the roles come from; resolved like the CLI's by default.
    ///   - reports: where the report set goes; `nil`: `reports/swift-test/<suite>`.
    public static func chaosStack(compose: String, project: String? = nil, roles: ChaosStackTrait.Roles = .resolved, reports: String? = nil) -> Self {
        ChaosStackTrait(composeFile: compose, project: project, roles: roles, reportDirectory: reports)
    }
}
