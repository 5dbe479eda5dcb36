public import Foundation

extension ProjectLock {
    /// The lock files held by the current task or a task it descends from (by path).
    @TaskLocal static var held: Set<String> = []

    /// Runs `body` holding the lock of `project`.
    ///
    /// When the current task, or one it descends from, is already inside `holding` for the
    /// same project, `body` runs under that claim: one holder takes the lock once, and what it
    /// calls (a ``LabSession`` inside a command, a test inside a suite that owns the stack)
    /// does not refuse itself. Any other claim, in this process or another, is refused.
    /// - Throws: ``ProjectLockError`` when the lock cannot be taken; whatever `body` throws.
    public static func holding<Value>(
        _ project: String,
        in directory: URL = defaultDirectory,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Value
    ) async throws -> Value {
        let path = path(of: project, in: directory)
        if held.contains(path) {
            return try await body()
        }
        let lock = try acquire(project, in: directory)
        defer { lock.release() }
        return try await $held.withValue(held.union([path])) {
            try await body()
        }
    }

    /// Whether the current task runs inside ``holding(_:in:isolation:_:)`` for `project`.
    public static func isHeldByCurrentTask(_ project: String, in directory: URL = defaultDirectory) -> Bool {
        held.contains(path(of: project, in: directory))
    }
}
