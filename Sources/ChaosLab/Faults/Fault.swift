/// A fault, as plain data: what is done to which service. A report prints it and a person can
/// replay it by hand with ``commandLine``.
public struct Fault: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What is done.
    public enum Action: Sendable, Codable, Hashable {
        /// Send a signal (`docker kill -s`); SIGKILL is the classic crash.
        case kill(signal: ContainerSignal)
        /// Stop gracefully (SIGTERM, then SIGKILL after `timeout`).
        case stop(timeout: Duration)
        /// Start a stopped or killed service.
        case start
        /// Freeze every process (cgroup freezer); connections stay open but go silent.
        case pause
        /// Thaw a paused service.
        case unpause
        /// Cut the service off its networks.
        case disconnect
        /// Reattach a cut-off service.
        case connect
    }

    /// What is done.
    public var action: Action
    /// To which service or instance.
    public var target: ServiceTarget

    public init(_ action: Action, _ target: ServiceTarget) {
        self.action = action
        self.target = target
    }

    public static func kill(_ target: ServiceTarget) -> Fault { Fault(.kill(signal: .kill), target) }
    public static func stop(_ target: ServiceTarget, timeout: Duration = .seconds(10)) -> Fault {
        Fault(.stop(timeout: timeout), target)
    }
    public static func start(_ target: ServiceTarget) -> Fault { Fault(.start, target) }
    public static func pause(_ target: ServiceTarget) -> Fault { Fault(.pause, target) }
    public static func unpause(_ target: ServiceTarget) -> Fault { Fault(.unpause, target) }
    public static func disconnect(_ target: ServiceTarget) -> Fault { Fault(.disconnect, target) }
    public static func connect(_ target: ServiceTarget) -> Fault { Fault(.connect, target) }

    public var description: String {
        switch action {
        case .kill(let signal): "kill \(target) with \(signal)"
        case .stop(let timeout): "stop \(target) (kill after \(Int(timeout.seconds)) s)"
        case .start: "start \(target)"
        case .pause: "pause \(target)"
        case .unpause: "unpause \(target)"
        case .disconnect: "cut \(target) off its networks"
        case .connect: "reconnect \(target) to its networks"
        }
    }

    /// The Docker command a person would type for this fault (on a compose stack).
    public var commandLine: String {
        let container = "<\(target) container>"
        switch action {
        case .kill(let signal): return "docker kill -s \(signal.rawValue) \(container)"
        case .stop(let timeout): return "docker stop -t \(Int(timeout.seconds)) \(container)"
        case .start: return "docker start \(container)"
        case .pause: return "docker pause \(container)"
        case .unpause: return "docker unpause \(container)"
        case .disconnect: return "docker network disconnect <network> \(container)"
        case .connect: return "docker network connect <network> \(container)"
        }
    }
}
