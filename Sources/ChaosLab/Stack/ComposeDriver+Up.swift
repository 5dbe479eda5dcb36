import Foundation

extension ComposeDriver {
    @discardableResult
    public func up(_ options: UpOptions) async throws -> StackUpReport {
        try configuration.validate()
        let clock = ContinuousClock()
        let start = clock.now
        // Each `up` sets its own additions: knobs of an earlier run must not leak into this one.
        composeEnvironment = configuration.environment.merging(options.environment) { _, new in new }
        // A file compose cannot read fails here, before anything is started.
        let file = try loadComposeFile()
        let expectations = Readiness.expectations(for: file)
        do {
            try await buildImages(of: file, deadline: options.buildDeadline)
            logger.info("starting", metadata: ["project": "\(projectName)", "services": "\((options.services ?? file.serviceNames).joined(separator: ","))"])
            do {
                // v1 has no `--wait`; `up -d` itself waits for `service_healthy` dependencies.
                try await compose(Self.upArguments(for: file, services: options.services), timeout: options.deadline)
            } catch let error as CommandError {
                // A service that exited is the likelier cause of a failed `up -d` than the
                // dependency compose names; after a timeout, name the service still waited for.
                let diagnosis = (try? await diagnose(expectations, deadline: options.deadline)) ?? nil
                if case .timedOut = error.code {
                    throw diagnosis ?? error
                }
                if let diagnosis, case .exited = diagnosis.code {
                    throw diagnosis
                }
                throw error
            }
            let instances = try await waitUntilReady(expectations, deadline: start + options.deadline, allowed: options.deadline)
            let elapsed = clock.now - start
            logger.info("ready", metadata: ["project": "\(projectName)", "elapsed": "\(elapsed.secondsText)"])
            return StackUpReport(elapsed: elapsed, instances: instances)
        } catch {
            if !options.keepOnFailure {
                await tearDownAfterFailedUp(error)
            }
            throw error
        }
    }

    /// `up -d` for every service, or for `services` alone with `--no-deps`: compose then
    /// recreates those whose configuration changed and leaves the rest (the broker, its queues)
    /// running as they are.
    static func upArguments(for file: ComposeFile, services: [String]?) -> [String] {
        guard let services else {
            return ["up", "-d", "--remove-orphans"] + scaleArguments(for: file)
        }
        return ["up", "-d", "--no-deps"] + scaleArguments(for: file.services.filter { services.contains($0.name) }) + services
    }

    /// `--scale SERVICE=N` for each service that runs other than one container: Compose v1
    /// ignores `deploy.replicas` without it, and v2 honours it the same way.
    static func scaleArguments(for file: ComposeFile) -> [String] {
        scaleArguments(for: file.services)
    }

    static func scaleArguments(for services: [ComposeService]) -> [String] {
        services.compactMap { service in service.replicas.flatMap { $0 == 1 ? nil : ["--scale", "\(service.name)=\($0)"] } }.flatMap { $0 }
    }

    /// Builds the images of the services that have a `build:` (a student's API and workers),
    /// so the start deadline covers starting only. Layers cached by an earlier run make this
    /// take about a second.
    private func buildImages(of file: ComposeFile, deadline: Duration) async throws {
        let built = file.services.filter { $0.build != nil }.map(\.name)
        guard !built.isEmpty else { return }
        let clock = ContinuousClock()
        let start = clock.now
        logger.info("building", metadata: ["project": "\(projectName)", "services": "\(built.joined(separator: ","))"])
        try await compose(["build"] + built, timeout: deadline)
        logger.info("built", metadata: ["project": "\(projectName)", "elapsed": "\((clock.now - start).secondsText)"])
    }

    /// Polls the project until every expected service is ready, one fails for good, or the
    /// deadline passes.
    private func waitUntilReady(
        _ expectations: [Readiness.Expectation],
        deadline: ContinuousClock.Instant,
        allowed: Duration
    ) async throws -> [ServiceInstance] {
        try await Readiness.wait(
            for: expectations, project: projectName, deadline: deadline, allowed: allowed,
            every: configuration.pollInterval, logger: logger,
            instances: { try await self.instances(of: nil) },
            logTail: { await self.logTail($0) }
        )
    }

    /// The error naming the first service that failed or is not ready, from one snapshot.
    private func diagnose(_ expectations: [Readiness.Expectation], deadline: Duration) async throws -> StackError? {
        let instances = try await instances(of: nil)
        switch Readiness.evaluate(expectations, instances: instances) {
        case .ready:
            return nil
        case .failed(let service, let exitCode):
            return StackError(project: projectName, code: .exited(service: service, exitCode: exitCode), logTail: await logTail(service))
        case .waiting(let service, let seen):
            return StackError(project: projectName, code: .notReady(service: service, seen: seen, deadline: deadline), logTail: await logTail(service))
        }
    }

    /// The last lines a service wrote, for an error message; empty if they cannot be had.
    func logTail(_ service: String, lines: Int = 5) async -> [String] {
        guard let logs = try? await logSnapshot(.service(service), tail: lines) else { return [] }
        return logs.suffix(lines).map(\.text)
    }

    /// Removes what a failed or interrupted `up` left, even when the calling task is cancelled:
    /// the removal runs in a task of its own and is awaited.
    private func tearDownAfterFailedUp(_ error: any Error) async {
        logger.info("removing the project after a failed start", metadata: ["project": "\(projectName)", "reason": "\(error)"])
        let removal = Task { try await self.down(removeVolumes: true) }
        do {
            try await removal.value
        } catch {
            logger.error("could not remove the project after a failed start", metadata: ["error": "\(error)"])
        }
    }
}
