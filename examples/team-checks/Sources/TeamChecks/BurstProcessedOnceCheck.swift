import ChaosLab
import Foundation

/// The team's own property: a burst posted through the API at once is processed exactly once
/// per message, none redelivered, every worker takes a share, and the work queue drains.
///
/// Judged from what the broker saw (ChaosLab's firehose), not from the workers' prints.
public struct BurstProcessedOnceCheck: ReliabilityCheck {
    /// How many messages the burst holds.
    public var messages: Int

    public init(messages: Int = 50) {
        self.messages = messages
    }

    public var name: String { "burst-processed-once" }
    public var title: String { "A burst is processed once per message, by every worker" }
    public var expectation: String {
        "\(messages) messages posted through the API at once: each acknowledged exactly once, none redelivered, every worker takes a share, and the work queue drains."
    }
    public var mutants: [FixtureKnob] { [] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard context.roles.api != nil else {
            return .notApplicable("The stack has no API to post the burst to.")
        }
        try context.requireObservation()
        let since = Date()
        let tokens = (1...messages).map { context.token(name, $0) }
        let prefix = String(context.token(name, 0).dropLast(1))
        let attempts = try await context.publish(tokens)
        let taken = Set(attempts.filter(\.acknowledged).map(\.token))
        guard taken.count == tokens.count else {
            return .inconclusive(
                "The API took \(taken.count) of the \(messages) messages, so the burst was not the one to judge.",
                evidence: context.unacknowledgedEvidence(attempts).map { [$0] } ?? []
            )
        }
        let traces = try await context.waitForProcessing(of: taken, prefix: prefix, since: since, deadline: .seconds(60))
        return judge(traces, tokens: taken, workers: context.roles.workers, queue: try await context.broker.queue(named: context.roles.workQueue))
    }

    /// The verdict from the broker's deliveries: a pure function, testable without a stack.
    public func judge(_ traces: [MessageTrace], tokens: Set<String>, workers: [String], queue: QueueStatus?) -> CheckOutcome {
        let acknowledged = traces.filter { $0.outcome == .acked || $0.outcome == .autoAcked }
        let perToken = Dictionary(grouping: acknowledged, by: \.id).mapValues(\.count)
        let perWorker = Dictionary(grouping: acknowledged, by: \.worker).mapValues(\.count)
        let figures = [Figure("processed", "messages acknowledged", Double(perToken.count), unit: "messages")]
            + workers.map { Figure("share.\($0)", "acknowledged by \($0)", Double(perWorker[$0] ?? 0), unit: "messages") }

        let missing = tokens.subtracting(perToken.keys).sorted()
        if !missing.isEmpty {
            return .fail("\(missing.count) of the \(tokens.count) messages were never acknowledged, e.g. \(missing.prefix(3).joined(separator: ", ")).", figures: figures, messages: traces)
        }
        let twice = perToken.filter { $0.value > 1 }.keys.sorted()
        if !twice.isEmpty {
            return .fail("\(twice.count) messages were acknowledged more than once, e.g. \(twice.prefix(3).joined(separator: ", ")).", figures: figures, messages: traces)
        }
        let redelivered = traces.filter(\.redelivered).map(\.id)
        if !redelivered.isEmpty {
            return .fail("\(redelivered.count) deliveries were redeliveries with no fault injected, e.g. \(redelivered.prefix(3).joined(separator: ", ")).", figures: figures, messages: traces)
        }
        let idle = workers.filter { perWorker[$0] == nil }
        if !idle.isEmpty {
            return .fail("\(idle.joined(separator: ", ")) took none of the \(tokens.count) messages.", figures: figures, messages: traces)
        }
        if let queue, queue.ready + queue.unacknowledged > 0 {
            return .fail("\(queue.name) still holds \(queue.ready + queue.unacknowledged) messages after the burst was processed.", figures: figures, messages: traces)
        }
        let shares = workers.map { "\($0) \(perWorker[$0] ?? 0)" }.joined(separator: ", ")
        return .pass("All \(tokens.count) messages acknowledged exactly once, none redelivered (\(shares)), and the work queue drained.", figures: figures)
    }
}
