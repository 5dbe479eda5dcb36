/// The life-cycle state of one service instance, as Docker reports it.
public enum InstanceState: String, Sendable, Hashable, Codable, CaseIterable {
    case created
    case running
    case paused
    case restarting
    case removing
    case exited
    case dead
    /// A state this version of the lab does not know.
    case unknown
}
