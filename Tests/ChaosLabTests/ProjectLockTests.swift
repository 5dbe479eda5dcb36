@testable import ChaosLab
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run per compose project: the lock refuses a second claim at once and names the holder.
@Suite("Project lock")
struct ProjectLockTests {
    static let holder = ProjectLockHolder(pid: 4711, command: "chaoslab run --check redelivery", since: Date(timeIntervalSince1970: 1_795_430_527))
    static let utc = TimeZone(identifier: "UTC")!

    @Test("a second lock on the same project in this process is refused, naming the holder")
    func secondLockRefused() async throws {
        try await withTemporaryDirectory { folder in
            let directory = URL(fileURLWithPath: folder)
            let first = try ProjectLock.acquire("chaoslab", in: directory, as: Self.holder)
            let error = try #require(throws: ProjectLockError.self) {
                try ProjectLock.acquire("chaoslab", in: directory)
            }
            #expect(error.code == .busy(holder: Self.holder))
            #expect(
                error.message(now: Self.holder.since.addingTimeInterval(60), timeZone: Self.utc)
                    == "project chaoslab is in use by pid 4711 (chaoslab run --check redelivery, since 10:42:07); wait for it or stop it."
            )
            #expect(first.isHeld)
        }
    }

    @Test("a holder from another day is named with its date")
    func holderFromAnotherDay() {
        let error = ProjectLockError(project: "chaoslab", path: "/tmp/chaoslab-locks/chaoslab.lock", code: .busy(holder: Self.holder))
        #expect(
            error.message(now: Self.holder.since.addingTimeInterval(86_400), timeZone: Self.utc)
                == "project chaoslab is in use by pid 4711 (chaoslab run --check redelivery, since 2026-11-23 10:42:07); wait for it or stop it."
        )
    }

    @Test("another project is not affected")
    func otherProject() async throws {
        try await withTemporaryDirectory { folder in
            let directory = URL(fileURLWithPath: folder)
            let first = try ProjectLock.acquire("chaoslab", in: directory)
            let second = try ProjectLock.acquire("chaoslab-parcial-2", in: directory)
            #expect(first.isHeld && second.isHeld)
        }
    }

    @Test("release and deinit give the project back")
    func released() async throws {
        try await withTemporaryDirectory { folder in
            let directory = URL(fileURLWithPath: folder)
            let lock = try ProjectLock.acquire("chaoslab", in: directory)
            lock.release()
            #expect(!lock.isHeld)
            #expect(ProjectLock.recordedHolder(of: "chaoslab", in: directory) == nil)
            do {
                _ = try ProjectLock.acquire("chaoslab", in: directory)
            }
            // The claim above went with its last reference.
            #expect(throws: Never.self) { try ProjectLock.acquire("chaoslab", in: directory).release() }
        }
    }

    @Test("the holder's pid, command line and start time are read back from the file")
    func holderReadBack() async throws {
        try await withTemporaryDirectory { folder in
            let directory = URL(fileURLWithPath: folder)
            let lock = try ProjectLock.acquire("chaoslab", in: directory)
            let holder = try #require(ProjectLock.recordedHolder(of: "chaoslab", in: directory))
            #expect(holder.pid == getpid())
            #expect(holder.command.hasPrefix(URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent))
            #expect(abs(holder.since.timeIntervalSinceNow) < 60)
            #expect(lock.path == folder + "/chaoslab.lock")
        }
    }

    @Test("an unreadable or empty lock file names no holder")
    func noHolder() async {
        await withTemporaryDirectory { folder in
            let directory = URL(fileURLWithPath: folder)
            let path = ProjectLock.path(of: "chaoslab", in: directory)
            #expect(FileManager.default.createFile(atPath: path, contents: Data("not json".utf8)))
            #expect(ProjectLock.recordedHolder(of: "chaoslab", in: directory) == nil)
            let error = ProjectLockError(project: "chaoslab", path: path, code: .busy(holder: nil))
            #expect(error.description == "project chaoslab is in use by another process (\(path) does not name it yet); wait for it or stop it.")
        }
    }

    @Test("a project name never leaves the lock folder")
    func fileName() {
        let directory = URL(fileURLWithPath: "/locks")
        #expect(ProjectLock.path(of: "chaoslab-parcial_2", in: directory) == "/locks/chaoslab-parcial_2.lock")
        #expect(ProjectLock.path(of: "../etc/x", in: directory) == "/locks/_.._etc_x.lock")
    }

    @Test("holding takes the lock once per task tree: nested use runs, a sibling is refused")
    func holdingIsOncePerTaskTree() async throws {
        try await withTemporaryDirectory { folder in
            let directory = URL(fileURLWithPath: folder)
            let nested = try await ProjectLock.holding("chaoslab", in: directory) {
                #expect(ProjectLock.isHeldByCurrentTask("chaoslab", in: directory))
                // A session inside the command, a test inside the suite: the same claim.
                let inner = try await ProjectLock.holding("chaoslab", in: directory) { "ran" }
                // A child task inherits the claim too.
                let child = try await Task { try await ProjectLock.holding("chaoslab", in: directory) { "ran" } }.value
                // A claim of its own (another job that happens to share this process) is refused.
                #expect(throws: ProjectLockError.self) { try ProjectLock.acquire("chaoslab", in: directory) }
                return inner + " " + child
            }
            #expect(nested == "ran ran")
            #expect(!ProjectLock.isHeldByCurrentTask("chaoslab", in: directory))
            #expect(throws: Never.self) { try ProjectLock.acquire("chaoslab", in: directory).release() }
        }
    }

    @Test("the lock folder defaults to TMPDIR's chaoslab-locks")
    func defaultDirectory() {
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        #expect(ProjectLock.defaultDirectory.path == URL(fileURLWithPath: temporary).appendingPathComponent("chaoslab-locks").path)
    }
}
