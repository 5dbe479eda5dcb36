extension SignalTrap {
    /// Runs `operation` in a task that the first SIGINT or SIGTERM cancels, so the lab session
    /// inside takes the stack down before the command ends; an interruption is then reported
    /// as ``Interrupted``.
    static func cancellingOnSignal<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let work = Task { try await operation() }
        let trap = SignalTrap(onFirst: { _ in
            ChaosLabCommand.printError("stopping; taking the stack down…")
            work.cancel()
        })
        do {
            let value = try await work.value
            trap.cancel()
            return value
        } catch {
            trap.cancel()
            if let signal = trap.caught {
                throw Interrupted(signal: signal, cleanedUp: "the stack was removed")
            }
            throw error
        }
    }
}
