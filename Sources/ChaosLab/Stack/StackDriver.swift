public import Foundation

/// Controls one deployed stack: bring it up and down, see its service instances, and do to
/// them what a fault needs (kill, stop, pause, cut off the network).
///
/// The checks and faults of the lab talk only to this protocol, so a driver for another
/// orchestrator (Docker Swarm's `docker stack`, say) can sit beside ``ComposeDriver``.
/// Operations on a ``ServiceTarget`` naming a whole service act on all its instances.
public protocol StackDriver: Sendable {
    /// The stack's name (the compose project).
    var projectName: String { get }

    /// Whether `up` starts a service only once those it depends on are healthy, as Compose does
    /// with `depends_on: condition: service_healthy` (Swarm starts everything at once): where it
    /// does not, the lab waits longer for the stack to settle before the first check.
    var startsInDependencyOrder: Bool { get }

    /// Whether `up` on a running stack can recreate only ``UpOptions/services`` and leave the
    /// others running (Compose: `up -d --no-deps SERVICE…`); where it cannot, `up` brings every
    /// service up and the option is ignored.
    var recreatesSelectedServices: Bool { get }

    /// Starts every service and waits until each runs and passes its healthcheck.
    /// - Throws: ``StackError`` naming the service that is not ready; unless
    ///   ``UpOptions/keepOnFailure`` is set, the stack is removed first. Cancelling the task
    ///   removes it too.
    @discardableResult
    func up(_ options: UpOptions) async throws -> StackUpReport

    /// Removes the stack's containers and networks, and its volumes if asked, then verifies
    /// that nothing of it remains.
    func down(removeVolumes: Bool) async throws

    /// The instances of one service, or of every service when `service` is `nil`, ordered by
    /// service and instance number.
    func instances(of service: String?) async throws -> [ServiceInstance]

    /// Sends `signal` to the target's main process.
    func kill(_ target: ServiceTarget, signal: ContainerSignal) async throws
    /// Stops the target gracefully, killing it after `timeout`.
    func stop(_ target: ServiceTarget, timeout: Duration) async throws
    /// Starts the target again after a stop or kill.
    func start(_ target: ServiceTarget) async throws
    /// Freezes every process of the target (cgroup freezer); its connections stay open.
    func pause(_ target: ServiceTarget) async throws
    /// Thaws a paused target.
    func unpause(_ target: ServiceTarget) async throws
    /// Stops (killing after `timeout`) and starts the target.
    func restart(_ target: ServiceTarget, timeout: Duration) async throws

    /// Cuts the target off every network it is attached to.
    func disconnect(_ target: ServiceTarget) async throws
    /// Reattaches a cut-off target, with the names other services know it by.
    func connect(_ target: ServiceTarget) async throws

    /// What the target wrote to stdout and stderr, oldest first; only lines from `since` on
    /// when given.
    func logs(_ target: ServiceTarget, since: Date?) async throws -> [LogLine]
    /// How many of the oldest lines the target wrote the driver no longer holds, because it
    /// keeps only the most recent ones: ``logs(_:since:)`` answers without them.
    func droppedLogLines(_ target: ServiceTarget) async throws -> Int
    /// Runs a command in the target's first running instance; a non-zero exit is a result.
    func exec(_ target: ServiceTarget, _ command: [String], timeout: Duration) async throws -> CommandResult
    /// The contents of a file inside the target's first instance (typically on a volume);
    /// works on stopped instances too.
    func readFile(_ path: String, from target: ServiceTarget) async throws -> [UInt8]
    /// The image a service runs and the environment baked into it (not the one the compose
    /// file adds), for checks that look for secrets in images.
    func image(of service: String) async throws -> ServiceImage
}

extension StackDriver {
    /// Compose starts a service once those it depends on are healthy.
    public var startsInDependencyOrder: Bool {
        true
    }

    /// Drivers recreate every service unless they say otherwise.
    public var recreatesSelectedServices: Bool {
        false
    }

    /// Brings the stack up with default options.
    @discardableResult
    public func up() async throws -> StackUpReport {
        try await up(UpOptions())
    }

    /// Removes the stack, volumes included.
    public func down() async throws {
        try await down(removeVolumes: true)
    }

    /// Every instance of every service.
    public func instances() async throws -> [ServiceInstance] {
        try await instances(of: nil)
    }

    /// Everything the target wrote so far.
    public func logs(_ target: ServiceTarget) async throws -> [LogLine] {
        try await logs(target, since: nil)
    }

    /// None: a driver that asks the orchestrator each time drops nothing itself.
    public func droppedLogLines(_ target: ServiceTarget) async throws -> Int {
        0
    }

    /// Runs a command in the target with a one-minute deadline.
    public func exec(_ target: ServiceTarget, _ command: [String]) async throws -> CommandResult {
        try await exec(target, command, timeout: .seconds(60))
    }
}
