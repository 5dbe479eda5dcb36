/// Where reading a container's log resumes, so that a new `docker logs --since` (after a
/// restart, or after the catching-up read) repeats no line and skips none.
///
/// `--since` is inclusive and Docker stamps lines to the nanosecond, so the next read starts
/// at the latest instant seen and drops the lines at that very instant that were already read,
/// matched by stream and text (as many as were seen: a line printed twice in the same
/// nanosecond stays twice).
struct LogCursor {
    private struct Key: Hashable {
        var stream: LogLine.Stream
        var text: String
    }

    /// The latest instant of any line read.
    private(set) var latest: LogInstant?
    /// The lines read at `latest`.
    private var atLatest: [Key: Int] = [:]
    /// Where the current read started, and the lines at that instant it has yet to skip.
    private var from: LogInstant?
    private var repeats: [Key: Int] = [:]

    /// Starts a read from ``latest`` (all of the log when `nil`).
    mutating func beginRead() {
        from = latest
        repeats = atLatest
    }

    /// Whether the line is new; the cursor moves past it if so.
    mutating func admit(_ instant: LogInstant, _ stream: LogLine.Stream, _ text: String) -> Bool {
        let key = Key(stream: stream, text: text)
        if let from {
            if instant < from { return false }
            if instant == from, let left = repeats[key], left > 0 {
                repeats[key] = left - 1
                return false
            }
        }
        if let latest, instant < latest {
            // The other stream is ahead: the line is new, the cursor stays.
            return true
        }
        if instant != latest {
            latest = instant
            atLatest.removeAll()
        }
        atLatest[key, default: 0] += 1
        return true
    }
}
