@testable import ChaosLab
import Foundation
import Testing

/// The parts a container's output is read with: Docker's timestamps to the nanosecond, lines
/// cut from chunks, the bounded store, and the cursor that resumes a read.
@Suite("Log reading parts")
struct LogReadingTests {
    @Test("Docker timestamps are read to the nanosecond and written back as --since takes them")
    func instants() throws {
        let instant = try #require(LogInstant("2026-11-23T08:12:13.123456789Z"))
        #expect(instant.seconds == 1_795_421_533)
        #expect(instant.nanoseconds == 123_456_789)
        #expect(instant.sinceArgument == "1795421533.123456789")
        #expect(LogInstant("2026-11-23T08:12:13.1234Z")?.sinceArgument == "1795421533.123400000")
        #expect(LogInstant("2026-11-23T08:12:13Z")?.sinceArgument == "1795421533.000000000")
        #expect(LogInstant("2026-11-23T09:12:13.5+01:00") == LogInstant("2026-11-23T08:12:13.5Z"))
        #expect(LogInstant("2024-02-29T00:00:00Z")?.seconds == 1_709_164_800)
        #expect(LogInstant("0001-01-01T00:00:00Z") == nil)
        #expect(LogInstant("started") == nil)
        #expect(LogInstant("2026-11-23T08:12:13.123456789Zjunk") == nil)
        #expect(try #require(LogInstant("2026-11-23T08:12:13.000000001Z")) < instant)
        #expect(abs(instant.date.timeIntervalSince1970 - 1_795_421_533.123456789) < 1e-6)
        #expect(LogInstant(instant.date).seconds == instant.seconds)
        #expect(LogInstant(seconds: 5, nanoseconds: 999_999_999).advanced(byNanoseconds: 1) == LogInstant(seconds: 6, nanoseconds: 0))
    }

    static func split(_ chunks: [String], maxLineBytes: Int = 100) -> [String] {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var lines: [String] = []
        for chunk in chunks {
            lines += Array(chunk.utf8).withUnsafeBytes { splitter.append($0) }
        }
        if let last = splitter.finish() { lines.append(last) }
        return lines
    }

    @Test("lines are cut at line breaks across chunks; an over-long line keeps its start")
    func splitting() {
        #expect(Self.split(["one\ntw", "o\r\n", "\nthree"]) == ["one", "two", "", "three"])
        #expect(Self.split(["a\n"]) == ["a"])
        #expect(Self.split(["0123456789", "abc\nnext\n"], maxLineBytes: 4) == ["0123", "next"])
    }

    static func entry(_ nanoseconds: Int32, _ stream: LogLine.Stream, _ text: String) -> LogBuffer.Entry {
        LogBuffer.Entry(instant: LogInstant(seconds: 100, nanoseconds: nanoseconds), stream: stream, text: text)
    }

    @Test("the store merges the two streams by time and drops the oldest lines past its bounds")
    func buffer() {
        var buffer = LogBuffer(maxLines: 4, maxBytes: 1 << 20)
        buffer.append(Self.entry(1, .stdout, "a"))
        buffer.append(Self.entry(3, .stdout, "c"))
        buffer.append(Self.entry(2, .stderr, "b"))
        buffer.append(Self.entry(3, .stderr, "c'"))
        #expect(buffer.entries(from: nil).map(\.text) == ["a", "b", "c", "c'"])
        #expect(buffer.entries(from: LogInstant(seconds: 100, nanoseconds: 3)).map(\.text) == ["c", "c'"])
        buffer.append(Self.entry(4, .stdout, "d"))
        buffer.append(Self.entry(5, .stdout, "e"))
        #expect(buffer.entries(from: nil).map(\.text) == ["c", "c'", "d", "e"])
        #expect(buffer.dropped == 2)

        var small = LogBuffer(maxLines: 100, maxBytes: 2 * LogBuffer.overhead + 10)
        for (index, text) in ["12345", "12345", "12345"].enumerated() {
            small.append(Self.entry(Int32(index), .stdout, text))
        }
        #expect(small.count == 2)
        #expect(small.dropped == 1)
    }

    @Test("the store keeps a line stamped out of order in its place")
    func bufferOutOfOrder() {
        var buffer = LogBuffer(maxLines: 10, maxBytes: 1 << 20)
        for (nanoseconds, text) in [(1, "a"), (5, "c"), (3, "b")] {
            buffer.append(Self.entry(Int32(nanoseconds), .stdout, text))
        }
        #expect(buffer.entries(from: LogInstant(seconds: 100, nanoseconds: 2)).map(\.text) == ["b", "c"])
    }

    @Test("a resumed read skips the lines already read at its first instant, and only those")
    func cursor() {
        var cursor = LogCursor()
        /// Whether each line, at a nanosecond and with a stream and text, is admitted.
        func read(_ lines: [(Int32, LogLine.Stream, String)]) -> [Bool] {
            cursor.beginRead()
            return lines.map { cursor.admit(LogInstant(seconds: 100, nanoseconds: $0.0), $0.1, $0.2) }
        }
        // The other stream is read behind: its earlier line is new, the cursor stays.
        #expect(read([(1, .stdout, "a"), (2, .stdout, "b"), (2, .stdout, "b"), (1, .stderr, "x")]) == [true, true, true, true])
        #expect(cursor.latest == LogInstant(seconds: 100, nanoseconds: 2))
        #expect(read([(2, .stdout, "b"), (2, .stderr, "b"), (2, .stdout, "b"), (2, .stdout, "b"), (1, .stdout, "a"), (3, .stdout, "c")]) == [false, true, false, true, false, true])
        #expect(read([(3, .stdout, "c"), (3, .stdout, "c")]) == [false, true])
    }
}
