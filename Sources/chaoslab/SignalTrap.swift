import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT, SIGTERM and SIGHUP while some work runs, so that the work can clean up
/// instead of the process dying mid-way. The first signal calls `onFirst`; later ones
/// `onRepeat`, which by default leaves at once (see ``exitingAtOnce(_:)``).
final class SignalTrap {
    /// The signals every command handles alike: ^C, `kill`, and a closed terminal.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private final class State: Sendable {
        let first = Mutex<Int32?>(nil)
    }

    private let sources: [any DispatchSourceSignal]
    private let state = State()

    init(
        signals: [Int32] = SignalTrap.handled,
        onFirst: @escaping @Sendable (Int32) -> Void,
        onRepeat: @escaping @Sendable (Int32) -> Void
    ) {
        let queue = DispatchQueue(label: "chaoslab.signals")
        let state = self.state
        sources = signals.map { number in
            // The default action would end the process before the handler runs.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let isFirst = state.first.withLock { first in
                    guard first == nil else { return false }
                    first = number
                    return true
                }
                if isFirst { onFirst(number) } else { onRepeat(number) }
            }
            source.resume()
            return source
        }
    }

    /// The first signal caught, if any.
    var caught: Int32? {
        state.first.withLock { $0 }
    }

    /// Stops catching and restores the default actions.
    func cancel() {
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
    }

    /// A handler for the second signal: whoever sends it wants out now, cleanup or not. It
    /// says in one line what may be left (`leftBehind`), then exits with 128 + the signal.
    static func exitingAtOnce(_ leftBehind: String) -> @Sendable (Int32) -> Void {
        { number in
            ChaosLabCommand.printError("\(Interrupted.name(of: number)) while stopping: exiting at once; \(leftBehind).")
            exit(128 + number)
        }
    }
}
