public import Foundation

extension CheckContext {
    /// The worker service whose container has `address`, or `nil`.
    public func worker(at address: String) async throws -> String? {
        for worker in roles.workers {
            let instances = try await stack.instances(of: worker)
            if instances.contains(where: { $0.addresses.contains(address) }) { return worker }
        }
        return nil
    }

    /// Maps every worker container's addresses to its service name.
    public func workerAddresses() async throws -> [String: String] {
        var map: [String: String] = [:]
        for worker in roles.workers {
            for instance in try await stack.instances(of: worker) {
                for address in instance.addresses { map[address] = worker }
            }
        }
        return map
    }

    /// Stops `workers` (every worker by default) so nothing consumes the work queue, skipping
    /// any this check already left stopped or killed; the runner starts them again afterwards.
    public func stopWorkers(_ workers: [String]? = nil) async throws {
        let down = await faults.brokenTargets
        for worker in workers ?? roles.workers {
            let target = ServiceTarget(service: worker)
            guard !down.contains(target) else { continue }
            try await faults.inject(.stop(target, timeout: .seconds(5)))
        }
    }

    /// Waits until some worker has started on `token` and returns that delivery.
    public func waitForStart(of token: String, since: Date, deadline: Duration = .seconds(15)) async throws -> MessageTrace {
        let observer = WorkerObserver(stack: stack, roles: roles)
        return try await Wait.until("a worker to start on \(token)", deadline: deadline, every: .milliseconds(200)) {
            try await observer.deliveries(tokenPrefix: token, since: since).first { $0.id == token }
        }
    }

    /// Waits until every one of `tokens` was processed (acked) and returns all deliveries of
    /// tokens starting with `prefix`; on timeout returns what was seen so far.
    public func waitForProcessing(of tokens: Set<String>, prefix: String, since: Date, deadline: Duration) async throws -> [MessageTrace] {
        let observer = WorkerObserver(stack: stack, roles: roles)
        do {
            return try await Wait.until("\(tokens.count) messages to be processed", deadline: deadline, every: .milliseconds(500)) {
                let seen = try await observer.deliveries(tokenPrefix: prefix, since: since)
                let done = Set(seen.filter { $0.outcome == .acked }.map(\.id))
                return tokens.isSubset(of: done) ? seen : nil
            }
        } catch is WaitTimeout {
            return try await observer.deliveries(tokenPrefix: prefix, since: since)
        }
    }
}
