/// One line a running program wrote, without its line break.
public struct OutputLine: Sendable, Hashable {
    /// The stream a line came from.
    public enum Stream: String, Sendable, Hashable {
        case stdout
        case stderr
    }

    /// The stream it came from.
    public var stream: Stream
    /// The text, invalid UTF-8 replaced.
    public var text: String

    public init(_ stream: Stream, _ text: String) {
        self.stream = stream
        self.text = text
    }
}
