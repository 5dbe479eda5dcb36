/// The settings a queue actually runs with, from its declaration arguments (`x-…`) and its
/// policy (``QueueStatus/effectivePolicyDefinition``, which already merges the operator
/// policy) together, resolved the way RabbitMQ resolves them:
///
/// - dead-letter exchange and routing key: the argument wins over the policy
///   (https://www.rabbitmq.com/docs/dlx: "the one specified in arguments overrules the one
///   specified in policy"; classic and quorum queues alike);
/// - max length (messages and bytes) and message TTL: the lower of the two values
///   (https://www.rabbitmq.com/docs/maxlength: "the minimum of the two values specified is
///   used"; for TTL, RabbitMQ's classic and quorum queue code takes the minimum too);
/// - overflow: for a classic queue the argument wins, for a quorum queue the policy
///   (rabbit_amqqueue_process and rabbit_quorum_queue in rabbitmq-server).
extension QueueStatus {
    /// The exchange dead letters go to: `x-dead-letter-exchange`, else the policy's
    /// `dead-letter-exchange`. `""` is the default exchange, a real choice.
    public var effectiveDeadLetterExchange: String? {
        arguments["x-dead-letter-exchange"] ?? effectivePolicyDefinition["dead-letter-exchange"]
    }

    /// The routing key dead letters get: `x-dead-letter-routing-key`, else the policy's
    /// `dead-letter-routing-key`; `nil` keeps each message's own routing key.
    public var effectiveDeadLetterRoutingKey: String? {
        arguments["x-dead-letter-routing-key"] ?? effectivePolicyDefinition["dead-letter-routing-key"]
    }

    /// The most ready messages the queue keeps: the lower of `x-max-length` and the policy's
    /// `max-length`.
    public var effectiveMaxLength: Int? {
        Self.lower(arguments["x-max-length"], effectivePolicyDefinition["max-length"])
    }

    /// The most bytes of ready message bodies the queue keeps: the lower of
    /// `x-max-length-bytes` and the policy's `max-length-bytes`.
    public var effectiveMaxLengthBytes: Int? {
        Self.lower(arguments["x-max-length-bytes"], effectivePolicyDefinition["max-length-bytes"])
    }

    /// How long a message may wait in the queue: the lower of `x-message-ttl` and the policy's
    /// `message-ttl` (milliseconds). A per-message expiration can still be shorter.
    public var effectiveMessageTTL: Duration? {
        Self.lower(arguments["x-message-ttl"], effectivePolicyDefinition["message-ttl"]).map { .milliseconds($0) }
    }

    /// What the queue does with a message past its max length: `x-overflow` or the policy's
    /// `overflow` (the argument wins for classic queues, the policy for quorum queues), else
    /// RabbitMQ's default, drop-head.
    public var effectiveOverflow: QueueOverflow {
        let argument = arguments["x-overflow"].map(QueueOverflow.init(text:))
        let policy = effectivePolicyDefinition["overflow"].map(QueueOverflow.init(text:))
        let chosen = type == .quorum ? policy ?? argument : argument ?? policy
        return chosen ?? .dropHead
    }

    /// The lower of two whole numbers written as text, ignoring the ones that are not.
    private static func lower(_ first: String?, _ second: String?) -> Int? {
        [first, second].compactMap { $0.flatMap { Int($0) } }.min()
    }
}
