/// What a full queue (at its `max-length`) does with one message more (`x-overflow`).
public enum QueueOverflow: ManagementTerm {
    /// Drops, or dead-letters, the oldest message (`drop-head`, RabbitMQ's default).
    case dropHead
    /// Refuses the new message (`reject-publish`); a publisher with confirms gets a nack.
    case rejectPublish
    /// Refuses the new message and dead-letters it (`reject-publish-dlx`, classic queues).
    case rejectPublishDeadLetter
    /// A value this lab does not know, as written.
    case other(String)

    public init(text: String) {
        switch text {
        case "drop-head": self = .dropHead
        case "reject-publish": self = .rejectPublish
        case "reject-publish-dlx": self = .rejectPublishDeadLetter
        default: self = .other(text)
        }
    }

    public var text: String {
        switch self {
        case .dropHead: "drop-head"
        case .rejectPublish: "reject-publish"
        case .rejectPublishDeadLetter: "reject-publish-dlx"
        case .other(let text): text
        }
    }
}
