import Foundation

/// A serial executor that runs every job on one dedicated thread.
///
/// rabbitmq-c blocks in `poll(2)` and is not thread-safe per connection. Running a connection's
/// actor here keeps those waits off Swift's cooperative pool and keeps every C call for one
/// connection on one thread.
///
/// A job that waits for the socket does so through ``waitForIO(socket:timeout:)``, which also
/// wakes up when another job is enqueued: a waiting call then yields at once, so other calls on
/// the connection (acks, publishes from other tasks) are never held back by a wait.
final class ConnectionThreadExecutor: SerialExecutor, @unchecked Sendable {
    /// What ``waitForIO(socket:timeout:)`` found; both false means the timeout passed.
    struct Wake: Equatable {
        var socketReadable: Bool
        var jobsPending: Bool
    }

    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var threadID: pthread_t?
    private var waitingForIO = false
    private let condition = NSCondition()
    /// A non-blocking pipe: `enqueue` writes a byte while the thread waits in `poll`, to wake it.
    private let wakeReader: Int32
    private let wakeWriter: Int32

    /// Starts the thread; it keeps the executor alive until `shutdown()` lets it end.
    init(name: String) {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeReader = descriptors[0]
        wakeWriter = descriptors[1]
        let thread = Thread { self.run() }
        thread.name = name
        thread.start()
    }

    deinit {
        if wakeReader >= 0 { close(wakeReader) }
        if wakeWriter >= 0 { close(wakeWriter) }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        let wake = waitingForIO
        condition.signal()
        condition.unlock()
        if wake {
            var byte: UInt8 = 1
            _ = write(wakeWriter, &byte, 1)
        }
    }


    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func isSameExclusiveExecutionContext(other: ConnectionThreadExecutor) -> Bool {
        self === other
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrentThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    func checkIsolated() {
        precondition(isCurrentThread, "Expected to run on the connection's executor thread.")
    }

    /// Whether other jobs are queued behind the running one.
    var hasPendingJobs: Bool {
        condition.lock()
        defer { condition.unlock() }
        return head < jobs.count
    }

    /// Blocks the executor thread until `socket` is readable, another job is enqueued, or
    /// `timeout` passes; with jobs already pending it only checks the socket. Only for the job
    /// running on this executor.
    func waitForIO(socket: Int32, timeout: Duration) -> Wake {
        condition.lock()
        let pendingBefore = head < jobs.count
        waitingForIO = !pendingBefore
        condition.unlock()

        var descriptors = [
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
        ]
        let (seconds, attoseconds) = timeout.components
        let milliseconds = pendingBefore
            ? 0 : max(0, Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
        let ready = poll(&descriptors, 2, milliseconds)

        condition.lock()
        waitingForIO = false
        var drain = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &drain, drain.count) > 0 {}
        let pending = head < jobs.count
        condition.unlock()
        // Errors and hang-ups count as readable: the read that follows reports them.
        return Wake(socketReadable: ready > 0 && descriptors[0].revents != 0, jobsPending: pending)
    }

    /// Ends a ``waitForIO(socket:timeout:)`` in progress early (its caller then re-checks why
    /// it waits, e.g. for cancellation).
    func wake() {
        condition.lock()
        let waiting = waitingForIO
        condition.unlock()
        if waiting {
            var byte: UInt8 = 1
            _ = write(wakeWriter, &byte, 1)
        }
    }

    /// Lets the thread finish the jobs already queued, then end.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        condition.lock()
        threadID = pthread_self()
        condition.unlock()
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 64 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
