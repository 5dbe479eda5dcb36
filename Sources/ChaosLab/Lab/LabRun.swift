/// What a ``LabSession`` learnt once the stack was up: a result for every check asked for,
/// the services' logs, and what became of the stack. A session returns it also when it was
/// cancelled or could not take the stack down, so nothing learnt is lost.
public struct LabRun: Sendable {
    /// What became of the stack after the checks.
    public enum Teardown: Sendable, CustomStringConvertible {
        /// It was taken down and nothing of it remains.
        case removed
        /// It was left running, as asked; `removal` says how to remove it.
        case kept(removal: String)
        /// Taking it down failed; something of it may remain.
        case failed(TeardownError)

        /// What became of the stack, as the end of a sentence: "the stack was removed".
        public var description: String {
            switch self {
            case .removed: "the stack was removed"
            case .kept(let removal): "the stack was left running, as asked; remove it with \(removal)"
            case .failed(let error): error.description.sentenceBody
            }
        }
    }

    /// One result per check asked for, in order. A check the session never started (it was
    /// cancelled, or the stack never became ready for checks) is ``Verdict/inconclusive`` and
    /// says why.
    public var results: [CheckResult]
    /// Why the checks stopped before the last one, or `nil` when every check ran.
    public var stoppedBy: (any Error)?
    /// Each service's log by service, when the session was asked to collect them.
    public var logs: [String: String]
    /// What became of the stack.
    public var teardown: Teardown

    public init(results: [CheckResult], stoppedBy: (any Error)?, logs: [String: String], teardown: Teardown) {
        self.results = results
        self.stoppedBy = stoppedBy
        self.logs = logs
        self.teardown = teardown
    }

    /// Whether the checks were stopped by cancellation (SIGINT, say) rather than run to the end.
    public var wasCancelled: Bool {
        stoppedBy is CancellationError
    }

    /// The teardown's failure, if it failed.
    public var teardownError: TeardownError? {
        if case .failed(let error) = teardown { error } else { nil }
    }

    /// The results, all concluded and the stack taken down.
    /// - Throws: why the checks stopped early, else the teardown's failure.
    public func completeResults() throws -> [CheckResult] {
        if let stoppedBy { throw stoppedBy }
        if let teardownError { throw teardownError }
        return results
    }
}

extension LabRun.Teardown {
    /// Whether taking the stack down failed.
    public var isFailure: Bool {
        if case .failed = self { true } else { false }
    }
}
