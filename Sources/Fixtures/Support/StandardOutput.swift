#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered line output: `docker logs` must show each event the moment it happens, and a
/// killed process must not take buffered lines with it.
enum StandardOutput {
    /// Writes `line` and a newline to file descriptor 1 with as few `write(2)` calls as the
    /// kernel allows (normally one, so lines from several threads never interleave).
    static func writeLine(_ line: String) {
        emit(Array(line.utf8) + [UInt8(ascii: "\n")], to: 1)
    }

    /// Writes `line` and a newline to file descriptor 2.
    static func writeErrorLine(_ line: String) {
        emit(Array(line.utf8) + [UInt8(ascii: "\n")], to: 2)
    }

    private static func emit(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    // Nowhere left to report a broken stdout; the line is dropped.
                    return
                }
                offset += written
            }
        }
    }
}

