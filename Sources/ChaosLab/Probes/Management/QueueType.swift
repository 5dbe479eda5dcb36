/// The kind of a queue (`x-queue-type`), which decides some policy rules: for a quorum queue
/// the policy's `overflow` wins over the argument, for a classic queue the argument does.
public enum QueueType: ManagementTerm {
    case classic
    case quorum
    case stream
    /// A kind this lab does not know, as written.
    case other(String)

    public init(text: String) {
        switch text {
        case "classic": self = .classic
        case "quorum": self = .quorum
        case "stream": self = .stream
        default: self = .other(text)
        }
    }

    public var text: String {
        switch self {
        case .classic: "classic"
        case .quorum: "quorum"
        case .stream: "stream"
        case .other(let text): text
        }
    }
}
