import ChaosLab
import Foundation

/// Which fault knobs the live stack currently runs with; recreating the stack is the only way
/// to change them, so tests ask for a set and the stack is recreated only when it differs.
/// `nil` while the reference stack is down (an example stack holds the ports).
actor KnobState {
    static let shared = KnobState()

    private var current: Set<FixtureKnob>? = []

    /// Called by the suite trait after it brought the reference stack up.
    func reset() {
        current = []
    }

    /// Takes the reference stack down (volumes included) so another stack can use its ports;
    /// the next ``ensure(_:)`` brings it back.
    func release() async throws {
        await LiveObserver.shared.stop()
        try await LiveStack.driver.down()
        current = nil
    }

    /// Makes the live stack run with exactly `knobs`, recreating it (volumes included) if needed.
    func ensure(_ knobs: Set<FixtureKnob>) async throws {
        guard knobs != current else { return }
        let driver = LiveStack.driver
        await LiveObserver.shared.stop()
        try await driver.down()
        let ordered = FixtureKnob.allCases.filter(knobs.contains)
        try await driver.up(UpOptions(environment: FixtureKnob.environment(ordered), deadline: .seconds(240)))
        current = knobs
        try await LiveStack.waitUntilRouted()
    }
}
