/// Waiting for a condition with a deadline, instead of sleeping for a fixed time.
public enum Wait {
    /// Polls `condition` until it returns a value, and returns that value.
    ///
    /// An error thrown by `condition` does not end the wait (the thing polled may be briefly
    /// unreachable, which is often what is being waited out); the last one is reported if the
    /// deadline passes. Cancellation ends the wait at once.
    /// - Parameters:
    ///   - what: the condition in words, for the timeout's message ("the work queue is drained").
    ///   - deadline: how long to keep polling.
    ///   - interval: the pause between two polls.
    ///   - condition: returns the value waited for, or `nil` while it is not there yet.
    /// - Throws: ``WaitTimeout`` when the deadline passes; `CancellationError` when cancelled.
    ///
    /// Assigning the result to an optional makes `Value` itself optional, and then a `nil`
    /// returned by `condition` counts as a value and ends the wait at once; spell out the
    /// closure's type (`{ () async throws -> Thing? in … }`) in that case.
    @discardableResult
    public static func until<Value: Sendable>(
        _ what: String,
        deadline: Duration,
        every interval: Duration = .milliseconds(250),
        isolation: isolated (any Actor)? = #isolation,
        _ condition: () async throws -> Value?
    ) async throws -> Value {
        let clock = ContinuousClock()
        let start = clock.now
        var lastError: (any Error)?
        while true {
            try Task.checkCancellation()
            do {
                if let value = try await condition() { return value }
                lastError = nil
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastError = error
            }
            if clock.now - start >= deadline {
                throw WaitTimeout(what: what, deadline: deadline, lastError: lastError.map { String(describing: $0) })
            }
            try await Task.sleep(for: interval)
        }
    }
}

/// A condition did not come true before its deadline.
public struct WaitTimeout: Error, Sendable, Hashable, CustomStringConvertible {
    /// The condition, in words.
    public var what: String
    /// How long the wait lasted.
    public var deadline: Duration
    /// The error of the last poll, if it failed.
    public var lastError: String?

    public var description: String {
        let seconds = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) / 1e18
        let base = "Waited \(seconds.formatted(.number.precision(.fractionLength(0...1)))) s for \(what), in vain"
        return lastError.map { "\(base); the last attempt failed: \($0)." } ?? "\(base)."
    }
}
