public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a ``ProjectLock``: written into the lock file by the holder, read back by whoever
/// is refused, so the refusal can name the process to wait for or stop.
public struct ProjectLockHolder: Sendable, Codable, Hashable {
    /// The holder's process id.
    public var pid: Int32
    /// Its command line, e.g. `chaoslab run --check redelivery`.
    public var command: String
    /// When it took the lock, to the second.
    public var since: Date

    public init(pid: Int32, command: String, since: Date) {
        self.pid = pid
        self.command = command
        self.since = Date(timeIntervalSince1970: since.timeIntervalSince1970.rounded(.down))
    }

    /// This process, now: its pid and its command line with the program's path shortened to
    /// its name.
    public static var current: ProjectLockHolder {
        let arguments = CommandLine.arguments
        let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "?"
        let command = ([program] + arguments.dropFirst()).map(Command.shellQuoted).joined(separator: " ")
        return ProjectLockHolder(pid: getpid(), command: command, since: Date())
    }

    /// `pid 4711 (chaoslab run --check redelivery, since 10:42:07)`: the time of day in
    /// `timeZone`, with the date in front when it is not the day of `now`.
    public func description(now: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = calendar.isDate(since, inSameDayAs: now) ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss"
        return "pid \(pid) (\(command), since \(formatter.string(from: since)))"
    }

    /// The lock file's contents: one line of JSON.
    var fileContents: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array((try? encoder.encode(self)) ?? Data()) + Array("\n".utf8)
    }

    /// The holder a lock file names, or `nil` when it names none (the holder has not written
    /// it yet, or released it).
    init?(fileContents: Data) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let holder = try? decoder.decode(ProjectLockHolder.self, from: fileContents) else { return nil }
        self = holder
    }
}
