#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `messages.log` in the data directory, shared by all workers: one JSON line per processed
/// message.
///
/// The file is opened with `O_APPEND` and each line goes out in one `write(2)`, without
/// user-space buffering, so lines of workers writing at once never interleave and a killed
/// worker loses nothing it had written.
final class MessageLog: Sendable {
    /// The file's path.
    let path: String
    private let descriptor: Int32

    /// Creates the directory if needed and opens (or creates) `messages.log` in it.
    init(directory: String) throws(MessageLogError) {
        path = directory.hasSuffix("/") ? directory + "messages.log" : directory + "/messages.log"
        try Self.createDirectory(directory)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw MessageLogError("\(path) could not be opened for appending: \(String(cString: strerror(errno))).")
        }
        self.descriptor = descriptor
    }

    /// `mkdir -p`: creates `directory` and its missing parents.
    private static func createDirectory(_ directory: String) throws(MessageLogError) {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw MessageLogError("The data directory \(directory) could not be created: \(path): \(String(cString: strerror(errno))).")
            }
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `record` as one line.
    func append(_ record: ProcessedRecord) throws(MessageLogError) {
        let bytes = Array((record.jsonLine + "\n").utf8)
        let written = bytes.withUnsafeBytes { raw in
            var result: Int
            repeat {
                result = write(descriptor, raw.baseAddress, raw.count)
            } while result < 0 && errno == EINTR
            return result
        }
        guard written == bytes.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "only \(written) of \(bytes.count) bytes were written"
            throw MessageLogError("Appending to \(path) failed: \(reason).")
        }
    }
}
