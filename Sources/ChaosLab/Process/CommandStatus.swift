/// How a finished command ended: with an exit code, or killed by a signal.
public enum CommandStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The program exited with this code.
    case exited(Int32)
    /// The program was terminated by this signal number.
    case signaled(Int32)

    /// Whether the program exited with code 0.
    public var isSuccess: Bool {
        self == .exited(0)
    }

    public var description: String {
        switch self {
        case .exited(let code):
            "status \(code)"
        case .signaled(let signal):
            "signal \(signal)"
        }
    }
}
