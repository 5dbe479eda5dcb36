import Foundation

/// Redelivery after `docker kill`: a worker is SIGKILLed in the middle of a long task; the
/// broker notices the closed socket and hands the same message, flagged redelivered, to
/// another worker, which completes it. Nothing is lost.
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

    public init(taskMilliseconds: Int = 4_000, redeliveryDeadline: Duration = .seconds(20)) {
        self.taskMilliseconds = taskMilliseconds
        self.redeliveryDeadline = redeliveryDeadline
    }

    public var name: String { "redelivery" }
    public var title: String { "Redelivery after docker kill" }
    public var expectation: String {
        "The worker busy with a \(taskMilliseconds) ms task is killed with SIGKILL; the same message reaches another worker with redelivered=true and completes; nothing is lost."
    }
    public var mutants: [FixtureKnob] { [.autoAck] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard context.roles.workers.count >= 2 else {
            return .notApplicable("The stack has \(context.roles.workers.count) worker; a redelivery needs another worker to receive it.")
        }
        guard context.roles.api?.supportsWorkTime == true else {
            return .notApplicable("The API cannot ask for a long task, so a worker cannot be caught in the middle of one.")
        }
        try context.requireObservation()
        var lateKills: [String] = []
        for (attempt, milliseconds) in [taskMilliseconds, taskMilliseconds * 2].enumerated() {
            let trial = try await Trial(check: self, context: context, token: context.token(name, attempt + 1), taskMilliseconds: milliseconds).run()
            switch trial {
            case .concluded(let outcome):
                return lateKills.isEmpty ? outcome : outcome.noting("A first kill landed after the worker had finished (\(lateKills[0])), so the check ran again with a longer task.")
            case .killLandedLate(_, let detail):
                lateKills.append(detail)
                await context.faults.heal()
                await CheckRunner(context: context).settle()
            }
        }
        return .inconclusive("Both kills landed after the worker had finished its task (\(lateKills.joined(separator: "; "))): the broker had nothing to give back, which proves nothing either way.")
    }
}

extension CheckOutcome {
    /// The outcome with `sentence` added to its reason.
    func noting(_ sentence: String) -> CheckOutcome {
        var copy = self
        copy.reason += " " + sentence
        return copy
    }
}
