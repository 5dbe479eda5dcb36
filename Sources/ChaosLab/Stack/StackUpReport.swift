/// What bringing a stack up took.
public struct StackUpReport: Sendable, Hashable, Codable {
    /// Time from the start of `up` until every service was ready.
    public var elapsed: Duration
    /// Every instance, ready, at that moment.
    public var instances: [ServiceInstance]

    public init(elapsed: Duration, instances: [ServiceInstance]) {
        self.elapsed = elapsed
        self.instances = instances
    }
}
