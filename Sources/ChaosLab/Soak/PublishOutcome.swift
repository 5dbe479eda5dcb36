/// What the lab knows about one publish: the only three things it can know.
public enum PublishOutcome: String, Sendable, Codable, Hashable, CaseIterable {
    /// The API answered 2xx (or the broker confirmed): from now on the stack owes its processing.
    case acknowledged
    /// A definite refusal (4xx, or a broker nack or return): the message was not taken and must
    /// not appear.
    case refused
    /// No answer, a 5xx, a reset connection, a confirm that never came: the broker may or may
    /// not have the message.
    case indeterminate
}

extension PublishAttempt {
    /// The attempt's outcome: from its HTTP status on the API route, from the broker's confirm
    /// on the AMQP route.
    public var outcome: PublishOutcome {
        switch route {
        case .api:
            switch status {
            case let status? where (200..<300).contains(status): .acknowledged
            case let status? where (400..<500).contains(status): .refused
            default: .indeterminate
            }
        case .amqp:
            switch confirm {
            case .acked?: .acknowledged
            case .nacked?, .returned?: .refused
            case nil: .indeterminate
            }
        }
    }
}
