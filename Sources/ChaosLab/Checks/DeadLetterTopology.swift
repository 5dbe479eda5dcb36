/// Where a work queue's dead letters go, read from the broker's live topology: the dead-letter
/// exchange its declaration or a policy sets, the queues that exchange routes them to, and the
/// dead-letter queue the lab reads (the declared one, else the one the exchange routes to).
///
/// Read from the broker rather than only from the stack's code, because students name their
/// dead-letter queue in code at run time (`f"{QUEUE}.dlq"`) or set it by policy.
struct DeadLetterTopology: Sendable, Hashable {
    /// The work queue as the broker holds it.
    var workQueue: QueueStatus
    /// The dead-letter exchange in force (argument, else policy); `nil` when none.
    var exchange: String?
    /// The routing key dead letters are published with.
    var routingKey: String
    /// The queues the exchange routes that key to.
    var routedQueues: [String]
    /// The queue the lab looks for dead letters in; `nil` when the stack has none.
    var deadLetterQueue: String?
    /// How that queue was found, for the report.
    var source: String

    /// Works the topology out from what the broker reported.
    /// - Parameters:
    ///   - declared: the dead-letter queue the roles name, if any.
    ///   - bindings: the bindings whose source is the dead-letter exchange.
    ///   - queues: every queue's name, to find a queue named as a dead-letter queue.
    ///   - exchangeType: the dead-letter exchange's type (`direct`, `fanout`, `topic`, `headers`),
    ///     if known; it decides which bindings the routing key takes.
    static func resolve(workQueue: QueueStatus, declared: String?, bindings: [Binding], queues: [String], exchangeType: String? = nil) -> DeadLetterTopology {
        let exchange = workQueue.effectiveDeadLetterExchange
        let routingKey = workQueue.effectiveDeadLetterRoutingKey ?? workQueue.name
        let toQueues = bindings.filter { $0.destinationType == .queue }
        let routed: [String]
        switch exchangeType {
        case "fanout", "headers":
            routed = toQueues.map(\.destination)
        case "direct":
            routed = toQueues.filter { $0.routingKey == routingKey }.map(\.destination)
        case "topic":
            routed = toQueues.filter { TopicPattern.matches($0.routingKey, routingKey) }.map(\.destination)
        default:
            // The type unknown: the bindings the key matches as a topic would, else all of them.
            let matching = toQueues.filter { TopicPattern.matches($0.routingKey, routingKey) }
            routed = (matching.isEmpty ? toQueues : matching).map(\.destination)
        }
        let viaPolicy = workQueue.arguments["x-dead-letter-exchange"] == nil && exchange != nil
        let exchangeText = exchange.map { "\($0.isEmpty ? "the default exchange" : "exchange \($0)")\(viaPolicy ? " (set by policy \(workQueue.policy ?? "?"))" : "")" }
        let queue: String?
        let source: String
        if let declared {
            queue = declared
            source = "declared in the roles"
        } else if exchange == "", workQueue.effectiveDeadLetterRoutingKey != nil {
            queue = routingKey
            source = "the default exchange routes dead letters by their routing key, \(routingKey)"
        } else if let first = routed.first, let exchangeText {
            queue = first
            source = "bound to \(workQueue.name)'s dead-letter \(exchangeText)"
        } else if let named = queues.first(where: { $0 != workQueue.name && Self.looksLikeDeadLetterQueue($0) }) {
            queue = named
            source = "named like a dead-letter queue"
        } else {
            queue = nil
            source = "none found"
        }
        return DeadLetterTopology(workQueue: workQueue, exchange: exchange, routingKey: routingKey, routedQueues: routed, deadLetterQueue: queue, source: source)
    }

    /// Whether a queue's name says it holds dead letters (`task_queue.dlq`, `dead_letters`, …).
    static func looksLikeDeadLetterQueue(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["dlq", "dead", "dlx", "failed", "parking"].contains { lower.contains($0) }
    }

    /// The lines of the report's evidence block.
    var lines: [String] {
        var lines = workQueue.arguments.isEmpty ? ["\(workQueue.name) has no declaration arguments"]
            : workQueue.arguments.sorted { $0.key < $1.key }.map { "\(workQueue.name) argument \($0.key) = \($0.value)" }
        if let policy = workQueue.policy {
            lines.append("policy \(policy): " + workQueue.effectivePolicyDefinition.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))
        }
        lines.append(exchange.map { "dead letters go to exchange \($0.isEmpty ? "(default)" : $0) with routing key \(routingKey), which routes them to \(routedQueues.isEmpty ? "no queue" : routedQueues.joined(separator: ", "))" }
            ?? "no dead-letter exchange, neither argument nor policy: rejected messages are dropped")
        lines.append("dead-letter queue read by the lab: \(deadLetterQueue ?? "none") (\(source))")
        return lines
    }
}
