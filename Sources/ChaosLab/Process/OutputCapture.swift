import Synchronization

/// Collects one output stream of a running program within a byte limit.
///
/// Shared between the task reading the pipe and the task that gives up on a deadline, so that a
/// timed-out command can still report what it said.
final class OutputCapture: Sendable {
    /// Which part of an over-long stream to keep.
    enum Keep: Sendable {
        /// The first bytes: standard output is read from its start.
        case head
        /// The last bytes: the end of standard error says why a program failed.
        case tail
    }

    private struct State {
        var bytes: [UInt8] = []
        var truncated = false
    }

    private let limit: Int
    private let keep: Keep
    private let state = Mutex(State())

    init(limit: Int, keep: Keep) {
        self.limit = max(0, limit)
        self.keep = keep
    }

    /// Adds a chunk read from the pipe.
    func append(_ chunk: UnsafeRawBufferPointer) {
        state.withLock { state in
            switch keep {
            case .head:
                let room = limit - state.bytes.count
                if chunk.count > room { state.truncated = true }
                if room > 0 { state.bytes.append(contentsOf: chunk.prefix(room)) }
            case .tail:
                state.bytes.append(contentsOf: chunk)
                let excess = state.bytes.count - limit
                if excess > 0 {
                    state.bytes.removeFirst(excess)
                    state.truncated = true
                }
            }
        }
    }

    /// The bytes kept so far and whether any were dropped.
    var snapshot: (bytes: [UInt8], truncated: Bool) {
        state.withLock { ($0.bytes, $0.truncated) }
    }
}
