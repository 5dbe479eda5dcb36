/// Cuts one output stream into lines as its chunks arrive: at each `\n`, dropping a `\r`
/// before it, so the lines of a program that writes `\r\n` read like any other.
///
/// A line longer than the limit keeps its first `maxLineBytes` bytes and loses the rest: a
/// stream that never breaks its lines cannot make the reader hold it all.
struct LineSplitter {
    private let maxLineBytes: Int
    private var partial: [UInt8] = []
    private var overlong = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// The lines `chunk` completes, in order.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        var start = chunk.startIndex
        while start < chunk.endIndex {
            guard let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                keep(chunk[start...])
                break
            }
            keep(chunk[start..<newline])
            lines.append(takeLine())
            start = newline + 1
        }
        return lines
    }

    /// The last line, when the stream ended without a line break after it.
    mutating func finish() -> String? {
        guard !partial.isEmpty || overlong else { return nil }
        return takeLine()
    }

    private mutating func keep(_ bytes: Slice<UnsafeRawBufferPointer>) {
        let room = maxLineBytes - partial.count
        if bytes.count > room { overlong = true }
        partial.append(contentsOf: bytes.prefix(max(0, room)))
    }

    private mutating func takeLine() -> String {
        if partial.last == UInt8(ascii: "\r"), !overlong { partial.removeLast() }
        let line = String(decoding: partial, as: UTF8.self)
        partial.removeAll(keepingCapacity: true)
        overlong = false
        return line
    }
}
