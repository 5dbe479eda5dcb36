public import Foundation

/// A ``ProjectLock`` that could not be taken. Messages are one line, name the project and, when
/// it is in use, the process holding it.
public struct ProjectLockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the lock could not be taken.
    public enum Code: Sendable, Hashable {
        /// Another run holds the project; `holder` is what it wrote into the lock file, if
        /// anything yet.
        case busy(holder: ProjectLockHolder?)
        /// The lock file could not be created, opened or locked.
        case unavailable(problem: String)
    }

    /// The compose project.
    public var project: String
    /// The lock file.
    public var path: String
    public var code: Code

    public init(project: String, path: String, code: Code) {
        self.project = project
        self.path = path
        self.code = code
    }

    public var description: String {
        message(now: Date(), timeZone: .current)
    }

    /// The message, with the holder's start time as a time of day in `timeZone` (and its date
    /// when that is not the day of `now`).
    public func message(now: Date, timeZone: TimeZone) -> String {
        switch code {
        case .busy(let holder?):
            "project \(project) is in use by \(holder.description(now: now, timeZone: timeZone)); wait for it or stop it."
        case .busy(nil):
            "project \(project) is in use by another process (\(path) does not name it yet); wait for it or stop it."
        case .unavailable(let problem):
            "project \(project) cannot be locked with \(path): \(problem)."
        }
    }
}
