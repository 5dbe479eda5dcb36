import Foundation

/// Redelivery after `docker kill`: a worker is SIGKILLed in the middle of a long task; the
/// broker notices the closed socket and hands the same message, flagged redelivered, to
/// another worker (or, in a stack of one worker, to the same worker once it starts again),
/// which completes it. Nothing is lost. When the API cannot ask for a long task, a worker is
/// killed while it works through a burst of instant ones instead (`BurstTrial`).
///
/// Everything is judged from the broker: the firehose shows which worker received the task and
/// the redelivery with its flag, the consumer list shows whether the killed worker
/// acknowledged at all. A kill that lands after the worker finished proves nothing, so the
/// check tries again with a longer task, and says so if that lands late too.
public struct RedeliveryCheck: ReliabilityCheck {
    /// How long the task takes, long enough to kill the worker in the middle of it.
    public var taskMilliseconds: Int
    /// How long to wait for the redelivery after the kill.
    public var redeliveryDeadline: Duration
    /// Messages of the burst, for workers whose tasks are instant.
    public var burstMessages: Int

    public init(taskMilliseconds: Int = 4_000, redeliveryDeadline: Duration = .seconds(20), burstMessages: Int = 500) {
        self.taskMilliseconds = taskMilliseconds
        self.redeliveryDeadline = redeliveryDeadline
        self.burstMessages = burstMessages
    }

    public var name: String { "redelivery" }
    public var title: String { "Redelivery after docker kill" }
    public var expectation: String {
        "The worker busy with a \(taskMilliseconds) ms task (or, when the API cannot ask for one, working through a burst of \(burstMessages)) is killed with SIGKILL; every message it had not acknowledged reaches a worker again with redelivered=true (the same one once started again, in a stack of one worker) and completes; nothing is lost. Where the workers append each message to a file, every message the broker saw acknowledged has its line there."
    }
    public var mutants: [FixtureKnob] { [.autoAck] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        if let outcome = notApplicable(to: context.roles) { return outcome }
        try context.requireObservation()
        if context.roles.api?.supportsWorkTime != true {
            return try await BurstTrial(check: self, context: context).run()
        }
        var trials: [Trial.Result] = []
        for (attempt, milliseconds) in [taskMilliseconds, taskMilliseconds * 2].enumerated() {
            let trial = try await Trial(check: self, context: context, token: context.token(name, attempt + 1), taskMilliseconds: milliseconds).run()
            trials.append(trial)
            guard case .killLandedLate = trial else { break }
            await context.faults.heal()
            await CheckRunner(context: context).settle()
        }
        return conclusion(of: trials)
    }
}
