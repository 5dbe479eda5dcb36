/// The most recent lines of one container, within ``LogOptions``'s bounds, oldest dropped
/// first and counted.
///
/// Each stream is kept in the order Docker stamped it (`docker logs` hands stdout and stderr
/// over on separate pipes, so their lines arrive interleaved anyhow); reading merges the two by
/// time. Appending and dropping take amortised constant time; reading lines from a time on
/// costs a binary search and the lines returned.
struct LogBuffer {
    /// One kept line.
    struct Entry: Sendable, Hashable {
        var instant: LogInstant
        var stream: LogLine.Stream
        var text: String
    }

    /// Lines of one stream in time order, with the dropped ones still at the front of `items`
    /// until they are many enough to be worth removing.
    private struct Tail {
        var items: [Entry] = []
        var head = 0

        var first: Entry? {
            head < items.count ? items[head] : nil
        }

        mutating func append(_ entry: Entry) {
            guard let last = items.last, head < items.count, entry.instant < last.instant else {
                items.append(entry)
                return
            }
            // Docker stamps one stream in order; a clock set back is the exception.
            let position = index(after: entry.instant)
            items.insert(entry, at: position)
        }

        mutating func removeFirst() -> Entry {
            let entry = items[head]
            head += 1
            if head > 1024, head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return entry
        }

        /// The first position whose line is later than `instant`.
        func index(after instant: LogInstant) -> Int {
            var (low, high) = (head, items.count)
            while low < high {
                let middle = (low + high) / 2
                if items[middle].instant <= instant { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The lines at or after `instant`.
        func suffix(from instant: LogInstant?) -> ArraySlice<Entry> {
            guard let instant else { return items[head...] }
            var (low, high) = (head, items.count)
            while low < high {
                let middle = (low + high) / 2
                if items[middle].instant < instant { low = middle + 1 } else { high = middle }
            }
            return items[low...]
        }
    }

    /// A line's cost beyond its text: the entry, the string's header, the array slot.
    static let overhead = 48

    private let maxLines: Int
    private let maxBytes: Int
    private var stdout = Tail()
    private var stderr = Tail()
    private(set) var count = 0
    private(set) var bytes = 0
    /// Lines dropped to stay within the bounds, all older than every line kept.
    private(set) var dropped = 0

    init(maxLines: Int, maxBytes: Int) {
        self.maxLines = max(1, maxLines)
        self.maxBytes = max(1, maxBytes)
    }

    mutating func append(_ entry: Entry) {
        switch entry.stream {
        case .stdout: stdout.append(entry)
        case .stderr: stderr.append(entry)
        }
        count += 1
        bytes += entry.text.utf8.count + Self.overhead
        while count > maxLines || (bytes > maxBytes && count > 1) {
            let oldest: Entry
            switch (stdout.first, stderr.first) {
            case (let out?, let err?) where err.instant < out.instant: oldest = stderr.removeFirst()
            case (.some, _): oldest = stdout.removeFirst()
            default: oldest = stderr.removeFirst()
            }
            count -= 1
            bytes -= oldest.text.utf8.count + Self.overhead
            dropped += 1
        }
    }

    /// The lines stamped at or after `instant` (all when `nil`), in time order; at equal
    /// times stdout's come first.
    func entries(from instant: LogInstant?) -> [Entry] {
        let out = stdout.suffix(from: instant)
        let err = stderr.suffix(from: instant)
        var merged: [Entry] = []
        merged.reserveCapacity(out.count + err.count)
        var (i, j) = (out.startIndex, err.startIndex)
        while i < out.endIndex, j < err.endIndex {
            if err[j].instant < out[i].instant {
                merged.append(err[j])
                j += 1
            } else {
                merged.append(out[i])
                i += 1
            }
        }
        merged += out[i...]
        merged += err[j...]
        return merged
    }
}
