/// A signal to send to a service instance, by the name Docker accepts (`docker kill -s`).
public struct ContainerSignal: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The signal name without `SIG`, e.g. `KILL`.
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `SIGKILL`: ends the process at once; its sockets close, so a broker requeues its
    /// unacknowledged deliveries at once.
    public static let kill = Self(rawValue: "KILL")
    /// `SIGTERM`: asks the process to shut down.
    public static let terminate = Self(rawValue: "TERM")
    /// `SIGINT`.
    public static let interrupt = Self(rawValue: "INT")
    /// `SIGHUP`.
    public static let hangUp = Self(rawValue: "HUP")
    /// `SIGSTOP`: freezes the process without the container noticing.
    public static let stop = Self(rawValue: "STOP")
    /// `SIGCONT`: resumes a process frozen by ``stop``.
    public static let `continue` = Self(rawValue: "CONT")

    public var description: String {
        "SIG\(rawValue)"
    }
}
