#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The command stopped because the user sent SIGINT, SIGTERM or SIGHUP; `cleanedUp` says what
/// became of what it had started. The process exits with 128 + the signal.
struct Interrupted: Error, CustomStringConvertible {
    var signal: Int32
    var cleanedUp: String

    var description: String {
        "interrupted by \(Self.name(of: signal)); \(cleanedUp)."
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`, else `signal N`.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
