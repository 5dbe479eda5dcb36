import Logging

extension Readiness {
    /// Polls a stack's instances until every expected service is ready, one fails for good, or
    /// the deadline passes; each driver's `up` waits this way.
    /// - Throws: ``StackError`` naming the service that exited or is not ready, with its last
    ///   log lines.
    static func wait(
        for expectations: [Expectation],
        project: String,
        deadline: ContinuousClock.Instant,
        allowed: Duration,
        every interval: Duration,
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        instances: () async throws -> [ServiceInstance],
        logTail: (String) async -> [String]
    ) async throws -> [ServiceInstance] {
        var lastSeen = ""
        while true {
            let current = try await instances()
            switch evaluate(expectations, instances: current) {
            case .ready:
                return current
            case .failed(let service, let exitCode):
                throw StackError(project: project, code: .exited(service: service, exitCode: exitCode), logTail: await logTail(service))
            case .waiting(let service, let seen):
                if ContinuousClock.now >= deadline {
                    throw StackError(
                        project: project,
                        code: .notReady(service: service, seen: seen, deadline: allowed),
                        logTail: await logTail(service)
                    )
                }
                if "\(service): \(seen)" != lastSeen {
                    lastSeen = "\(service): \(seen)"
                    logger.info("waiting", metadata: ["service": "\(service)", "seen": "\(seen)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
