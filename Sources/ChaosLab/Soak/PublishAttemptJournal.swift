public import Foundation

/// Every publish attempt of a soak, one JSON object a line, appended to a file as the load
/// runs, so that the load itself keeps none of them in memory however long it runs. The
/// checker reads them back with ``read(from:)``.
///
/// A line: `{"token":…,"at":<Unix seconds>,"route":"api"|"amqp","status":<HTTP status>,
/// "confirm":"acked"|"nacked"|"returned","took":<seconds>,"detail":…}`, `status` and `confirm`
/// only when present. Written by hand: a soak publishes tens of thousands a second, and
/// `JSONEncoder` would cost more than the publishing.
public final class PublishAttemptJournal {
    /// Buffered bytes are written once there are this many.
    static let flushThreshold = 1 << 18
    /// Longer details are cut: an error page says what it is in its first lines.
    static let detailLimit = 500

    public let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// The most bytes the buffer held, for tests of the memory bound.
    private(set) var bufferHighWater = 0
    private(set) var lines = 0

    /// Creates (or empties) the file at `url`.
    init(url: URL) throws(JournalError) {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url)
        else { throw JournalError(url: url, reason: "it could not be created") }
        self.handle = handle
        buffer.reserveCapacity(Self.flushThreshold + 1024)
    }

    func append(_ attempt: PublishAttempt) throws(JournalError) {
        buffer.append(contentsOf: Self.line(attempt).utf8)
        buffer.append(UInt8(ascii: "\n"))
        lines += 1
        bufferHighWater = max(bufferHighWater, buffer.count)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws(JournalError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw JournalError(url: url, reason: "writing failed: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    func close() throws(JournalError) {
        try flush()
        try? handle.close()
    }

    /// One attempt as its JSON line, without the newline.
    static func line(_ attempt: PublishAttempt) -> String {
        var line = #"{"token":"# + quoted(attempt.token)
        line += #","at":"# + String(attempt.at.timeIntervalSince1970)
        line += #","route":""# + attempt.route.rawValue + #"""#
        if let status = attempt.status { line += #","status":"# + String(status) }
        if let confirm = attempt.confirm { line += #","confirm":""# + confirm.rawValue + #"""# }
        line += #","took":"# + String(attempt.took.seconds)
        line += #","detail":"# + quoted(String(attempt.detail.prefix(detailLimit))) + "}"
        return line
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Every attempt in the journal at `url`, in the order written.
    public static func read(from url: URL) throws -> [PublishAttempt] {
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            try decoder.decode(Line.self, from: line).attempt
        }
    }

    /// One line as `JSONDecoder` reads it.
    private struct Line: Decodable {
        var token: String
        var at: Double
        var route: PublishRoute
        var status: Int?
        var confirm: BrokerConfirm?
        var took: Double
        var detail: String

        var attempt: PublishAttempt {
            let at = Date(timeIntervalSince1970: at)
            switch route {
            case .api: return PublishAttempt(token: token, at: at, status: status, detail: detail, took: .seconds(took))
            case .amqp: return PublishAttempt(token: token, at: at, confirm: confirm, detail: detail, took: .seconds(took))
            }
        }
    }
}
