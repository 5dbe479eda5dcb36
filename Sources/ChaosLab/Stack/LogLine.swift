public import Foundation

/// One line a service instance wrote, with Docker's timestamp.
public struct LogLine: Sendable, Hashable, Codable {
    /// Which output stream.
    public enum Stream: String, Sendable, Hashable, Codable {
        case stdout
        case stderr
    }

    /// The service that wrote it.
    public var service: String
    /// The instance number.
    public var index: Int
    /// When Docker received it; `nil` if the line carried no readable timestamp.
    public var timestamp: Date?
    /// The stream it came from.
    public var stream: Stream
    /// The text, without the timestamp and the line break.
    public var text: String
    /// The run of the container that wrote it: where it changes between two lines of one
    /// instance, the instance restarted or was recreated in between. `nil` when the driver
    /// could not tell.
    public var run: ContainerRun?

    public init(service: String, index: Int, timestamp: Date?, stream: Stream, text: String, run: ContainerRun? = nil) {
        self.service = service
        self.index = index
        self.timestamp = timestamp
        self.stream = stream
        self.text = text
        self.run = run
    }
}
