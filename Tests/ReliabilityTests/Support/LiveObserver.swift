import ChaosLab
import Foundation
import Logging

/// The broker observer of the reference stack, shared by every live test of a run: one
/// firehose for the whole suite, which follows the broker through the restarts the tests cause.
/// Stopped whenever the reference stack goes away, started again on first use.
actor LiveObserver {
    static let shared = LiveObserver()

    /// The run id of every token the live tests publish.
    let runID = CheckContext.newRunID()
    private var observer: BrokerObserver?

    /// The running observer, started if needed.
    func current() async -> BrokerObserver {
        if let observer { return observer }
        let started = await BrokerObserver.start(
            stack: LiveStack.driver, roles: StackRoles.reference(environment: LiveStack.environment),
            runID: runID, logger: Logger(label: "chaoslab.tests.observer")
        )
        observer = started
        return started
    }

    /// Stops watching (before the reference stack goes down).
    func stop() async {
        await observer?.stop()
        observer = nil
    }
}
