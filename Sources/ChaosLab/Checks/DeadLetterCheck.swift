import Foundation

/// Dead-letter routing: a poison message is rejected without requeue and lands in the
/// dead-letter queue with an `x-death` entry (the work queue, reason `rejected`, count 1) while
/// the messages after it are processed; a message whose per-message TTL passes arrives with
/// reason `expired`; a burst past the queue's `x-max-length` dead-letters the oldest with reason
/// `maxlen`.
///
/// A poison message that keeps coming back is reported as a redelivery loop with its count,
/// and a message that vanishes because the work queue has no dead-letter exchange is named as
/// a silent loss.
public struct DeadLetterCheck: ReliabilityCheck {
    /// Ordinary messages published right after the poison one, which must still flow.
    public var followers: Int
    /// How long to wait for a dead-lettered message to show up.
    public var deadline: Duration
    /// The per-message TTL of the expiry probe.
    public var timeToLive: Duration
    /// The largest `x-max-length` the lab fills to see an overflow (bounded load).
    public var largestMaxLength: Int

    public init(followers: Int = 3, deadline: Duration = .seconds(10), timeToLive: Duration = .milliseconds(300), largestMaxLength: Int = 5_000) {
        self.followers = followers
        self.deadline = deadline
        self.timeToLive = timeToLive
        self.largestMaxLength = largestMaxLength
    }

    public var name: String { "dead-letter" }
    public var title: String { "Dead-letter routing" }
    public var expectation: String {
        "A poison message is rejected without requeue and reaches the dead-letter queue with x-death (the work queue, reason rejected, count 1) while the \(followers) messages after it are processed; a message past its per-message TTL arrives with reason expired, and overflowing x-max-length with reason maxlen."
    }
    public var mutants: [FixtureKnob] { [.requeuePoison, .noDeadLetter] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        try context.requireObservation()
        guard let workQueue = try await context.broker.queue(named: context.roles.workQueue) else {
            throw CheckSetupError(reason: "The broker has no queue named \(context.roles.workQueue).")
        }
        var bindings: [Binding] = []
        var exchangeType: String?
        if let exchange = workQueue.effectiveDeadLetterExchange, !exchange.isEmpty {
            bindings = try await context.broker.bindings(fromExchange: exchange)
            exchangeType = try await context.broker.exchangeType(named: exchange)
        }
        let queues = try await context.broker.queues().map(\.name)
        let topology = DeadLetterTopology.resolve(
            workQueue: workQueue, declared: context.roles.deadLetterQueue, bindings: bindings, queues: queues, exchangeType: exchangeType
        )
        let declaration = Evidence(source: "broker", title: "\(workQueue.name)'s dead-letter topology, as the broker holds it", lines: topology.lines)
        guard let deadLetterQueue = topology.deadLetterQueue else {
            return CheckOutcome(verdict: .notApplicable, reason: "The stack claims no dead-lettering: the roles name no dead-letter queue, \(workQueue.name) has no dead-letter exchange (argument or policy), and no queue on the broker is named like one.", evidence: [declaration])
        }
        guard queues.contains(deadLetterQueue) else {
            return .fail("The dead-letter queue \(deadLetterQueue) does not exist on the broker.", evidence: [declaration])
        }
        var findings = [try await poison(in: context, topology: topology, deadLetterQueue: deadLetterQueue)]
        findings += try await expiryAndOverflow(in: context, topology: topology, deadLetterQueue: deadLetterQueue)
        return CheckOutcome(parts: findings, evidence: [declaration])
    }
}
