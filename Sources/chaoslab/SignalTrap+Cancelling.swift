extension SignalTrap {
    /// Runs `operation` in a task that the first SIGINT, SIGTERM or SIGHUP cancels, so the lab
    /// session inside can take the stack down and hand back what it learnt before the command
    /// ends; a second signal exits at once.
    /// - Parameters:
    ///   - notice: printed on the first signal, e.g. "stopping; taking the stack down…".
    ///   - leftBehind: what a second signal may leave, e.g. how to remove the stack.
    ///   - ifThrown: what became of the stack when `operation` throws after a signal.
    /// - Returns: what `operation` returned, and the signal that cancelled it, if any.
    /// - Throws: ``Interrupted`` when `operation` threw after a signal; else what it threw.
    static func cancellingOnSignal<Value: Sendable>(
        notice: String,
        leftBehind: String,
        ifThrown fate: String,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> (value: Value, signal: Int32?) {
        let work = Task { try await operation() }
        let trap = SignalTrap(
            onFirst: { _ in
                ChaosLabCommand.printError(notice)
                work.cancel()
            },
            onRepeat: exitingAtOnce(leftBehind)
        )
        do {
            let value = try await work.value
            trap.cancel()
            return (value, trap.caught)
        } catch {
            trap.cancel()
            if let signal = trap.caught {
                throw Interrupted(signal: signal, cleanedUp: fate)
            }
            throw error
        }
    }
}
