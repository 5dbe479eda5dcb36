import Dispatch
import Foundation

/// Puts a deadline on rabbitmq-c's writes, which have none in 0.11 (`amqp_send_frame` and
/// `amqp_basic_publish` poll the socket with an infinite timeout).
///
/// The connection arms it around each C call that can write; if the call is still running at
/// the deadline (a broker that stopped reading: paused, partitioned, flow-blocked), the
/// watchdog shuts the socket down from its own thread, the blocked `poll` returns, and the call
/// fails. Only the kernel socket is touched from here, never rabbitmq-c's state.
final class SendWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var socket: Int32 = -1
    private var deadline: ContinuousClock.Instant?
    private var tripped = false
    private let timer: any DispatchSourceTimer

    init(checkInterval: Duration = .milliseconds(100)) {
        timer = DispatchSource.makeTimerSource(queue: .global())
        let nanoseconds = Int(checkInterval.components.seconds) * 1_000_000_000
            + Int(checkInterval.components.attoseconds / 1_000_000_000)
        timer.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds),
                       leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in self?.check() }
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    /// Watches `socket` from now on; -1 stops watching.
    func attach(socket: Int32) {
        lock.withLock {
            self.socket = socket
            deadline = nil
        }
    }

    /// Starts one guarded call that must finish within `timeout`.
    func arm(_ timeout: Duration) {
        let deadline = ContinuousClock.now + timeout
        lock.withLock { self.deadline = deadline }
    }

    /// Ends the guarded call; true if the watchdog had to shut the socket down.
    func disarm() -> Bool {
        lock.withLock {
            deadline = nil
            defer { tripped = false }
            return tripped
        }
    }

    /// Stops watching for good.
    func stop() {
        attach(socket: -1)
        timer.cancel()
    }

    private func check() {
        lock.withLock {
            guard let deadline, socket >= 0, ContinuousClock.now >= deadline, !tripped else { return }
            // Holding the lock: the connection cannot disarm and close the socket meanwhile.
            _ = shutdown(socket, Int32(SHUT_RDWR))
            tripped = true
        }
    }
}
