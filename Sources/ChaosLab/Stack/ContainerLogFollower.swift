import Foundation
import Synchronization

/// Keeps what one container writes, read as it is written: one `docker logs --follow` per run
/// of the container, started on first use and resumed after each restart from the last line
/// read, instead of reading the whole log again on every look.
///
/// A read cycle first reads the log to its present end (`docker logs` without `--follow`), so
/// the first answer is complete, then follows it until the container stops, which ends the
/// follow. The follower then looks at the container every ``LogOptions/pollInterval`` until it
/// runs again (and reads on where it stopped, ``LogCursor``) or is removed (and keeps its
/// lines). Only the most recent lines are kept (``LogBuffer``); the rest are counted.
///
/// Each line is told which run of the container wrote it (``ContainerRun``), from its time: a
/// run owns the lines stamped after the end of the run before it. Docker records a run's end
/// once its output is drained, and a run's start only after its process is running (whose
/// first lines may be stamped earlier), so the end of the run before is the sharp boundary.
/// When Docker no longer shows it (the container stopped again before the follower looked),
/// the run's start is used. Runs that began and ended between two looks, or before the first,
/// cannot be told apart from the one before them.
actor ContainerLogFollower {
    /// A run the follower saw, and the first instant of its lines.
    private struct KnownRun {
        var startedAt: LogInstant
        /// Lines stamped at or after this are this run's; `nil`: from the log's beginning.
        var from: LogInstant?
        var mark: ContainerRun
    }

    private enum Loading {
        /// The first read has not ended yet.
        case pending
        case loaded
        case failed(any Error)
    }

    private struct Job {
        var task: Task<Void, Never>?
        var stopped = false
    }

    nonisolated let service: String
    nonisolated let index: Int
    nonisolated let containerID: String
    let runner: any CommandRunning
    let options: LogOptions
    let commandTimeout: Duration
    /// The daemon to ask, when not the default one.
    let dockerHost: String?
    private var buffer: LogBuffer
    private var cursor = LogCursor()
    private var runs: [KnownRun] = []
    private var loading = Loading.pending
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// What Docker said during the current read in lines without a timestamp: its own errors,
    /// as `docker logs --timestamps` stamps every line of the container.
    private var messages: [String] = []
    private nonisolated let job = Mutex(Job())

    /// A follower of `instance`'s container; nothing runs before ``start()``.
    /// - Parameter dockerHost: the daemon's socket when not the default one (a Swarm node's).
    init(instance: ServiceInstance, runner: any CommandRunning, options: LogOptions, commandTimeout: Duration, dockerHost: String? = nil) {
        self.dockerHost = dockerHost
        self.service = instance.service
        self.index = instance.index
        self.containerID = instance.containerID
        self.runner = runner
        self.options = options
        self.commandTimeout = commandTimeout
        self.buffer = LogBuffer(maxLines: options.maxLines, maxBytes: options.maxBytes)
    }

    /// Starts reading, unless it has started or been stopped.
    nonisolated func start() {
        job.withLock { job in
            guard job.task == nil, !job.stopped else { return }
            job.task = Task { await self.follow() }
        }
    }

    /// Stops reading for good and returns once the `docker` processes it ran have ended.
    func stop() async {
        let task = job.withLock { job in
            job.stopped = true
            return job.task
        }
        task?.cancel()
        await task?.value
        settle(.loaded)
    }

    /// Asks the reading to stop, without waiting: for a driver that goes away.
    nonisolated func cancel() {
        job.withLock { job in
            job.stopped = true
            job.task?.cancel()
        }
    }

    /// The lines stamped at `since` or later (all when `nil`), oldest first, each with its run.
    /// The first call starts reading and waits until the log has been read to its end.
    /// - Throws: what Docker's failure to read the log was, until a read succeeds.
    func lines(since: Date?) async throws -> [LogLine] {
        start()
        while case .pending = loading {
            await withCheckedContinuation { waiters.append($0) }
        }
        if case .failed(let error) = loading {
            throw error
        }
        return assemble(from: since.map(LogInstant.init))
    }

    /// Lines dropped to stay within ``LogOptions``, older than every line kept.
    var droppedLines: Int {
        buffer.dropped
    }

    private func settle(_ outcome: Loading) {
        if case .failed = outcome, case .loaded = loading { return }
        loading = outcome
        let resumed = waiters
        waiters.removeAll()
        for waiter in resumed { waiter.resume() }
    }

    // MARK: - Reading

    /// Reads the log, run after run, until the container is removed or the task cancelled.
    private func follow() async {
        var readOnce = false
        var lastRead: LogInstant?
        var justRead = false
        while !Task.isCancelled {
            let status: Status?
            do {
                status = try await inspect()
            } catch {
                if Task.isCancelled { break }
                if case .pending = loading { settle(.failed(error)) }
                await pause()
                continue
            }
            guard let status else { break }
            learn(status)
            let newRun = !readOnce || status.startedAt != lastRead
            guard newRun || status.isLive else {
                justRead = false
                await pause()
                continue
            }
            if !newRun, justRead {
                // The follow ended while the run goes on, or Docker has yet to show the stop.
                justRead = false
                await pause()
                continue
            }
            justRead = true
            do {
                try await read(follow: false)
                readOnce = true
                lastRead = status.startedAt
                settle(.loaded)
                if status.isLive {
                    try await read(follow: true)
                } else if options.containersRunOnce, status.state == .exited || status.state == .dead {
                    break
                }
            } catch {
                if Task.isCancelled { break }
                if case .pending = loading { settle(.failed(error)) }
                justRead = false
                await pause()
            }
        }
        settle(.loaded)
    }

    private func pause() async {
        try? await Task.sleep(for: options.pollInterval)
    }

    /// One `docker logs` from where the last one stopped: to the log's present end, or on
    /// until the container stops.
    private func read(follow: Bool) async throws {
        var arguments = (dockerHost.map { ["-H", $0] } ?? []) + ["logs", "--timestamps"]
        if follow { arguments.append("--follow") }
        if let latest = cursor.latest { arguments += ["--since", latest.sinceArgument] }
        arguments.append(containerID)
        let command = Command(
            "docker", arguments, timeout: follow ? nil : commandTimeout, outputLimit: options.maxLineBytes, errorLimit: options.maxLineBytes
        )
        cursor.beginRead()
        messages.removeAll()
        let status = try await runner.stream(command) { lines in
            await self.receive(lines)
        }
        guard status.isSuccess else {
            throw CommandError(commandLine: command.commandLine, code: .failed(status), errorTail: Array(messages.suffix(5)))
        }
    }

    private func receive(_ lines: [OutputLine]) {
        for line in lines {
            let space = line.text.firstIndex(of: " ")
            guard let instant = LogInstant(line.text[..<(space ?? line.text.endIndex)]) else {
                messages.append(line.text)
                if messages.count > 20 { messages.removeFirst() }
                continue
            }
            let stream: LogLine.Stream = line.stream == .stdout ? .stdout : .stderr
            let text = space.map { String(line.text[line.text.index(after: $0)...]) } ?? ""
            guard cursor.admit(instant, stream, text) else { continue }
            buffer.append(LogBuffer.Entry(instant: instant, stream: stream, text: text))
        }
    }

    // MARK: - Runs

    /// Notes the run `status` shows, if it is a new one.
    private func learn(_ status: Status) {
        guard let startedAt = status.startedAt else { return }
        if let last = runs.last, startedAt <= last.startedAt { return }
        var from: LogInstant? = startedAt
        if let finishedAt = status.finishedAt, finishedAt < startedAt {
            from = finishedAt.advanced(byNanoseconds: 1)
        } else if runs.isEmpty, status.finishedAt == nil {
            // Never stopped: the whole log is this run's.
            from = nil
        }
        if let last = runs.last, let lastFrom = last.from, let new = from, new <= lastFrom {
            from = lastFrom.advanced(byNanoseconds: 1)
        }
        runs.append(KnownRun(startedAt: startedAt, from: from, mark: ContainerRun(containerID: containerID, startedAt: startedAt.date)))
    }

    /// The kept lines from `instant` on, each marked with its run.
    private func assemble(from instant: LogInstant?) -> [LogLine] {
        let earlier = ContainerRun(containerID: containerID, startedAt: nil)
        var next = 0
        return buffer.entries(from: instant).map { entry in
            while next < runs.count, runs[next].from.map({ $0 <= entry.instant }) ?? true {
                next += 1
            }
            return LogLine(
                service: service, index: index, timestamp: entry.instant.date, stream: entry.stream, text: entry.text,
                run: next == 0 ? earlier : runs[next - 1].mark
            )
        }
    }
}
