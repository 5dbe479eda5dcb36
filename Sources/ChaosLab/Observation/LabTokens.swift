/// Finds the lab's own tokens in message bodies. A token is `<check>-<run id>-<number>`
/// (``CheckContext/token(_:_:)``): lowercase words joined by dashes, the run's six hex digits,
/// then digits. Found by hand around the run id, which is far cheaper than a regular
/// expression on every firehose event.
public struct LabTokens: Sendable, Hashable {
    /// The run id every token of this run carries.
    public let runID: String

    public init(runID: String) {
        self.runID = runID
    }

    /// The first token of this run in `text`, or `nil`.
    public func first(in text: String) -> String? {
        let bytes = Array(text.utf8)
        let marker = Array("-\(runID)-".utf8)
        guard bytes.count >= marker.count + 2 else { return nil }
        var index = 0
        while index + marker.count <= bytes.count {
            guard bytes[index..<index + marker.count].elementsEqual(marker) else {
                index += 1
                continue
            }
            var start = index
            while start > 0, Self.isNameByte(bytes[start - 1]) { start -= 1 }
            var end = index + marker.count
            while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
            let nameIsValid = start < index && bytes[start] != UInt8(ascii: "-")
            if nameIsValid, end > index + marker.count {
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "-")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
