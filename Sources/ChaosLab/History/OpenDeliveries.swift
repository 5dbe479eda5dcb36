/// The deliveries one worker has started and not yet closed, oldest first: what tells which
/// message a closing line means when it does not name one.
///
/// A delivery closes by its token (the latest open delivery of that token) or, for a closing
/// line without a token, in the order the worker received them: a pika callback handles one
/// message at a time, in order. Each operation takes amortised constant time, so reading a
/// worker's output stays linear in its lines.
struct OpenDeliveries<Value> {
    private var entries: [(token: String, value: Value, isOpen: Bool)] = []
    /// Entries before this one are all closed.
    private var head = 0
    /// The latest open entry of each token.
    private var latest: [String: Int] = [:]

    /// Opens a delivery of `token`; an earlier open one of the same token stays open.
    mutating func open(_ token: String, _ value: Value) {
        latest[token] = entries.count
        entries.append((token, value, true))
    }

    /// Closes the latest open delivery of `token`; `nil` when none is open.
    mutating func close(token: String) -> Value? {
        guard let index = latest.removeValue(forKey: token) else { return nil }
        entries[index].isOpen = false
        return entries[index].value
    }

    /// Closes the oldest open delivery, whatever its token; `nil` when none is open.
    mutating func closeOldest() -> (token: String, value: Value)? {
        while head < entries.count, !entries[head].isOpen {
            head += 1
        }
        guard head < entries.count else { return nil }
        let entry = entries[head]
        entries[head].isOpen = false
        if latest[entry.token] == head {
            latest[entry.token] = nil
        }
        head += 1
        return (entry.token, entry.value)
    }
}

/// What deliveries are open in: one run of one instance of a worker. A restarted worker has
/// forgotten the messages it had not finished, so a closing line of the next run cannot be
/// about them; they stay open, unfinished.
struct ContainerLifetime: Hashable {
    /// The worker: the instance number, or a name when the output names its worker.
    var worker: String
    /// `nil` when the lines do not say which run wrote them: all are taken as one.
    var run: ContainerRun?

    init(worker: String, run: ContainerRun?) {
        self.worker = worker
        self.run = run
    }

    /// The instance and run that wrote `line`.
    init(_ line: LogLine) {
        self.init(worker: "\(line.service)#\(line.index)", run: line.run)
    }
}
