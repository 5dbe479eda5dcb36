/// Where a soak's load stands: what a once-a-second progress line shows.
public struct SoakProgress: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Since the load started (until it finished, once it has).
    public var elapsed: Duration
    public var acknowledged: Int
    public var refused: Int
    public var indeterminate: Int
    /// Sent and not answered yet.
    public var inFlight: Int
    /// Acknowledged in the last whole second.
    public var ackedPerSecond: Int
    /// Refused or indeterminate in the last whole second.
    public var errorsPerSecond: Int

    public init(
        elapsed: Duration, acknowledged: Int, refused: Int, indeterminate: Int, inFlight: Int,
        ackedPerSecond: Int, errorsPerSecond: Int
    ) {
        self.elapsed = elapsed
        self.acknowledged = acknowledged
        self.refused = refused
        self.indeterminate = indeterminate
        self.inFlight = inFlight
        self.ackedPerSecond = ackedPerSecond
        self.errorsPerSecond = errorsPerSecond
    }

    /// E.g. "+12 s: 1034 acked/s, 0 errors/s (12345 acked, 0 refused, 2 indeterminate, 16 in flight)".
    public var description: String {
        "+\(Int(elapsed.seconds)) s: \(ackedPerSecond) acked/s, \(errorsPerSecond) errors/s "
            + "(\(acknowledged) acked, \(refused) refused, \(indeterminate) indeterminate, \(inFlight) in flight)"
    }
}
