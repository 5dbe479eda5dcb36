/// A stack whose services can be updated in place, task by task, as a deployment of a new
/// version is: ``SwarmDriver`` (`docker service update --force`). The rolling-update check
/// needs one; on Compose it does not apply.
public protocol ServiceUpdating: Sendable {
    /// Replaces every task of `service`, one at a time, in `order`; returns once the update
    /// has converged.
    func rollingUpdate(_ service: String, order: UpdateOrder) async throws
}

/// Whether an update starts a task's replacement before stopping it, or after.
public enum UpdateOrder: String, Sendable, Codable, Hashable, CaseIterable {
    /// The new task runs before the old one is stopped: briefly one more consumer.
    case startFirst = "start-first"
    /// The old task is stopped first: briefly one consumer fewer.
    case stopFirst = "stop-first"
}
