/// How a driver keeps what the containers write.
///
/// Each container's output is read once, as it is written, and kept in memory; a long run
/// would fill it, so only the most recent lines are kept. Lines dropped are counted
/// (``StackDriver/droppedLogLines(_:)``), so a check can say its evidence is incomplete.
public struct LogOptions: Sendable, Hashable {
    /// The most lines kept per container.
    public var maxLines: Int
    /// The most bytes of text kept per container, counting a fixed overhead per line.
    public var maxBytes: Int
    /// The longest line kept whole; the rest of a longer one is cut off.
    public var maxLineBytes: Int
    /// Time between two looks at a container that is not running, to read it again once it
    /// runs, and between two attempts after Docker failed to answer.
    public var pollInterval: Duration
    /// Whether a container that stopped never runs again (Swarm replaces a task with a new
    /// container): its follower then ends once it has read the stopped container to the end,
    /// instead of looking at it every ``pollInterval`` until it is removed.
    public var containersRunOnce = false

    /// - Parameters:
    ///   - maxLines: the most lines kept per container (a million by default).
    ///   - maxBytes: the most bytes kept per container (64 MiB by default).
    ///   - maxLineBytes: the longest line kept whole (1 MiB by default).
    ///   - pollInterval: time between looks at a stopped container (250 ms by default).
    public init(maxLines: Int = 1_000_000, maxBytes: Int = 64 << 20, maxLineBytes: Int = 1 << 20, pollInterval: Duration = .milliseconds(250)) {
        self.maxLines = max(1, maxLines)
        self.maxBytes = max(1, maxBytes)
        self.maxLineBytes = max(1, maxLineBytes)
        self.pollInterval = pollInterval
    }
}
