import ChaosLab
import Testing

/// Brings the reference stack up around a suite and always tears it down afterwards, holding
/// the project's ``ProjectLock`` all along.
///
/// A stack left behind by an interrupted run is removed first, so a run never starts on
/// someone else's state. Teardown happens on success, on failure and on cancellation, and it
/// verifies that no container, network or volume of the project remains; if that
/// verification fails, the suite fails.
struct LiveStackTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let driver = LiveStack.driver
        // The suite owns the project for its whole life: a `chaoslab run` on it meanwhile is
        // refused, and the sessions and knob changes inside run under this one claim.
        try await ProjectLock.holding(driver.projectName) {
            try await driver.down()
            try await driver.up(UpOptions(deadline: .seconds(240)))
            await KnobState.shared.reset()
            let outcome: Result<Void, any Error>
            do {
                try await LiveStack.waitUntilRouted()
                try await function()
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            // Teardown must run even when the suite was cancelled.
            try await Task {
                await LiveObserver.shared.stop()
                try await driver.down()
            }.value
            try outcome.get()
        }
    }
}

extension Trait where Self == LiveStackTrait {
    /// Runs the suite against the live reference stack.
    static var liveStack: Self { LiveStackTrait() }
}
