public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive claim on one compose project for the whole of a run, so that two runs on the
/// same project (two terminals, parallel CI jobs) never share a stack and corrupt each other's
/// verdicts.
///
/// The claim is flock(2) on `<directory>/<project>.lock`, taken with `LOCK_NB`: it never
/// waits, a project in use is refused at once. The kernel drops the claim when the holder
/// exits or dies, so a stale file never blocks anyone. The holder writes its pid, command line
/// and start time into the file, and a refusal names them.
///
/// A second claim on the same project is refused in the same process too; code that may run
/// inside a claim already taken (a session inside a command, a test inside a suite that holds
/// the stack) uses ``holding(_:in:isolation:_:)``, which takes the lock only if the current
/// task does not hold it already.
public final class ProjectLock: Sendable {
    /// The compose project.
    public let project: String
    /// The lock file.
    public let path: String
    /// The file descriptor holding the lock; `nil` once released.
    private let descriptor: Mutex<Int32?>

    private init(project: String, path: String, descriptor: Int32) {
        self.project = project
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// `${TMPDIR:-/tmp}/chaoslab-locks`: one folder for every user of this machine's Docker.
    public static var defaultDirectory: URL {
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return URL(fileURLWithPath: temporary).appendingPathComponent("chaoslab-locks")
    }

    /// The lock file of `project` in `directory`; characters a file name should not have
    /// become `_`.
    public static func path(of project: String, in directory: URL = defaultDirectory) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let name = String(project.map { allowed.contains($0) ? $0 : "_" })
        return directory.appendingPathComponent((name.hasPrefix(".") ? "_" + name : name) + ".lock").path
    }

    /// Takes the lock of `project` and records `holder` in it.
    /// - Throws: ``ProjectLockError`` with ``ProjectLockError/Code/busy(holder:)`` naming the
    ///   holder when another claim (in any process, this one included) holds it;
    ///   ``ProjectLockError/Code/unavailable(problem:)`` when the file cannot be made or locked.
    public static func acquire(
        _ project: String,
        in directory: URL = defaultDirectory,
        as holder: ProjectLockHolder = .current
    ) throws(ProjectLockError) -> ProjectLock {
        let path = path(of: project, in: directory)
        func unavailable(_ problem: String) -> ProjectLockError {
            ProjectLockError(project: project, path: path, code: .unavailable(problem: problem))
        }
        try makeDirectory(directory, project: project, path: path)
        // Close-on-exec: a child that outlived the lab (a stuck `docker compose`) must not keep
        // the project locked.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw unavailable(String(cString: strerror(errno)))
        }
        // Whoever creates the file lets the other users of this Docker lock it too.
        _ = fchmod(descriptor, 0o666)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            close(descriptor)
            if failure == EWOULDBLOCK {
                throw ProjectLockError(project: project, path: path, code: .busy(holder: recordedHolder(atPath: path)))
            }
            throw unavailable(String(cString: strerror(failure)))
        }
        let contents = holder.fileContents
        _ = ftruncate(descriptor, 0)
        _ = contents.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return ProjectLock(project: project, path: path, descriptor: descriptor)
    }

    /// Gives the project back: empties the file (the holder it names is gone), then unlocks.
    /// The file stays: removing it would let a process that opened it before the removal and
    /// one that creates it afresh both hold the project. Calling it again does nothing.
    public func release() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            _ = ftruncate(open, 0)
            // Explicitly: a child forked this instant (a `docker` command being started) shares
            // the open file until it execs, and closing alone would leave the lock held until then.
            _ = flock(open, LOCK_UN)
            close(open)
            descriptor = nil
        }
    }

    /// Whether this claim still holds the project.
    public var isHeld: Bool {
        descriptor.withLock { $0 != nil }
    }

    /// The holder the lock file of `project` names, if any.
    public static func recordedHolder(of project: String, in directory: URL = defaultDirectory) -> ProjectLockHolder? {
        recordedHolder(atPath: path(of: project, in: directory))
    }

    static func recordedHolder(atPath path: String) -> ProjectLockHolder? {
        FileManager.default.contents(atPath: path).flatMap(ProjectLockHolder.init(fileContents:))
    }

    /// Creates the lock folder if needed, writable by everyone and sticky like /tmp, so the
    /// users sharing this Docker share the locks too.
    private static func makeDirectory(_ directory: URL, project: String, path: String) throws(ProjectLockError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProjectLockError(project: project, path: path, code: .unavailable(problem: "its folder cannot be created (\(error.localizedDescription))"))
        }
        _ = chmod(directory.path, 0o1777)
    }
}
