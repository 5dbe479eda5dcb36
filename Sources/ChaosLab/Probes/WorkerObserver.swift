public import Foundation

/// Finds out which worker handled which of the lab's messages, and when, from what the
/// workers show: lines on their stdout matched by the roles' patterns, and the record file
/// where the stack keeps one (the reference fixtures' `messages.log`).
///
/// The record file is the richer source (exact start and end, outcome), stdout the more
/// universal one, and the only one that shows a delivery a worker never finished because it
/// was killed. Both are read and merged into one ``MessageTrace`` per delivery.
public struct WorkerObserver: Sendable {
    public let stack: any StackDriver
    public let roles: StackRoles

    public init(stack: any StackDriver, roles: StackRoles) {
        self.stack = stack
        self.roles = roles
    }

    /// Every delivery of a message whose token starts with `tokenPrefix`, seen since `since`,
    /// ordered by start time.
    public func deliveries(tokenPrefix: String, since: Date) async throws -> [MessageTrace] {
        var traces = try await fromRecordFile(tokenPrefix: tokenPrefix)
        // A stdout delivery is the record file's when that file has the same message on the
        // same worker in the same second or the next one to either side. Looked up by key, so
        // merging stays linear when a message loops thousands of times.
        func key(_ trace: MessageTrace, second offset: Int = 0) -> String {
            "\(trace.id)\u{0}\(trace.worker)\u{0}\(Int(trace.start.timeIntervalSince1970.rounded(.down)) + offset)"
        }
        let recorded = Set(traces.map { key($0) })
        for trace in try await fromStdout(tokenPrefix: tokenPrefix, since: since) {
            let known = (-1...1).contains { recorded.contains(key(trace, second: $0)) }
            if !known { traces.append(trace) }
        }
        return traces.filter { $0.start >= since.addingTimeInterval(-1) }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// Deliveries recorded in the record file, read through any worker (stopped ones too).
    func fromRecordFile(tokenPrefix: String) async throws -> [MessageTrace] {
        guard let path = roles.workerEvidence.recordFile, let worker = roles.workers.first else { return [] }
        let bytes: [UInt8]
        do {
            bytes = try await stack.readFile(path, from: ServiceTarget(worker: worker))
        } catch {
            // No file yet means no message processed yet.
            return []
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return WorkerLog(parsing: bytes).records.compactMap { record in
            guard record.id.hasPrefix(tokenPrefix), let start = formatter.date(from: record.startedAt) else { return nil }
            return MessageTrace(
                id: record.id,
                worker: record.worker,
                start: start,
                end: formatter.date(from: record.finishedAt),
                redelivered: record.redelivered,
                outcome: record.outcome.deliveryOutcome
            )
        }
    }

    /// Deliveries seen on the workers' stdout, read by ``StdoutDeliveryReader``: a `received`
    /// line opens one, the `done` or `rejected` line for the same token closes it (a closing
    /// pattern without a token closes the oldest delivery still open in the same container);
    /// one never closed is `unfinished`.
    func fromStdout(tokenPrefix: String, since: Date) async throws -> [MessageTrace] {
        guard let reader = try StdoutDeliveryReader(evidence: roles.workerEvidence) else { return [] }
        var traces: [MessageTrace] = []
        for worker in roles.workers {
            let lines = try await stack.logs(ServiceTarget(worker: worker), since: since.addingTimeInterval(-1))
            traces += reader.deliveries(of: worker, in: lines, tokenPrefix: tokenPrefix)
        }
        return traces
    }
}
