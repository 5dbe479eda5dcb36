public import Foundation

/// One run of a container, from a start to the next stop.
///
/// The lines one service instance wrote in one run share it, so a reader can tell where the
/// instance restarted (and forgot what it was doing) or was replaced by a new container.
public struct ContainerRun: Sendable, Hashable, Codable {
    /// The full id of the container.
    public var containerID: String
    /// When the run started, by Docker's clock; `nil` for the runs that ended before the lab
    /// first read the container's output, which it cannot tell apart.
    public var startedAt: Date?

    public init(containerID: String, startedAt: Date?) {
        self.containerID = containerID
        self.startedAt = startedAt
    }
}
