#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The command stopped because the user sent SIGINT or SIGTERM; `cleanedUp` says what became
/// of what it had started.
struct Interrupted: Error, CustomStringConvertible {
    var signal: Int32
    var cleanedUp: String

    var description: String {
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
        return "interrupted by \(name); \(cleanedUp)."
    }
}
