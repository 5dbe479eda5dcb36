import Foundation

/// What a finished command left behind. A non-zero exit is a result like any other, not an
/// error; ``CommandRunning/check(_:)`` turns it into a ``CommandError`` where that is wanted.
public struct CommandResult: Sendable, Hashable {
    /// The command that ran.
    public var command: Command
    /// How it ended.
    public var status: CommandStatus
    /// The standard output kept, at most ``Command/outputLimit`` bytes from its start.
    public var outputBytes: [UInt8]
    /// The standard error kept, at most ``Command/errorLimit`` bytes from its end.
    public var errorBytes: [UInt8]
    /// Whether standard output was longer than the limit and was cut.
    public var outputTruncated: Bool
    /// Whether standard error was longer than the limit and its beginning was dropped.
    public var errorTruncated: Bool
    /// Time from launch to exit.
    public var duration: Duration

    public init(
        command: Command,
        status: CommandStatus,
        outputBytes: [UInt8],
        errorBytes: [UInt8],
        outputTruncated: Bool = false,
        errorTruncated: Bool = false,
        duration: Duration
    ) {
        self.command = command
        self.status = status
        self.outputBytes = outputBytes
        self.errorBytes = errorBytes
        self.outputTruncated = outputTruncated
        self.errorTruncated = errorTruncated
        self.duration = duration
    }

    /// Standard output as UTF-8 text (invalid bytes replaced).
    public var stdout: String {
        String(decoding: outputBytes, as: UTF8.self)
    }

    /// Standard error as UTF-8 text (invalid bytes replaced).
    public var stderr: String {
        String(decoding: errorBytes, as: UTF8.self)
    }

    /// Whether the command exited with code 0.
    public var succeeded: Bool {
        status.isSuccess
    }

    /// The last `count` non-empty lines of standard error, oldest first.
    public func lastErrorLines(_ count: Int = 5) -> [String] {
        Self.lastLines(of: stderr, count: count)
    }

    static func lastLines(of text: String, count: Int) -> [String] {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return Array(lines.suffix(count))
    }
}

extension CommandResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case command, status, stdout, stderr, outputTruncated, errorTruncated, duration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decode(Command.self, forKey: .command)
        status = try container.decode(CommandStatus.self, forKey: .status)
        outputBytes = Array(try container.decode(String.self, forKey: .stdout).utf8)
        errorBytes = Array(try container.decode(String.self, forKey: .stderr).utf8)
        outputTruncated = try container.decode(Bool.self, forKey: .outputTruncated)
        errorTruncated = try container.decode(Bool.self, forKey: .errorTruncated)
        duration = try container.decode(Duration.self, forKey: .duration)
    }

    /// Encodes the output as text, so a JSON report shows what the program printed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(command, forKey: .command)
        try container.encode(status, forKey: .status)
        try container.encode(stdout, forKey: .stdout)
        try container.encode(stderr, forKey: .stderr)
        try container.encode(outputTruncated, forKey: .outputTruncated)
        try container.encode(errorTruncated, forKey: .errorTruncated)
        try container.encode(duration, forKey: .duration)
    }
}
