#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking TCP socket whose every step waits with `poll(2)` up to a deadline.
struct ProbeSocket: Sendable {
    let descriptor: Int32
    let endpoint: String

    /// Connects to the first address of `host` that accepts, before `deadline`.
    static func open(host: String, port: Int, deadline: ContinuousClock.Instant) throws(HealthProbeError) -> ProbeSocket {
        let endpoint = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocketType
        var addresses: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &addresses)
        guard resolved == 0, let first = addresses else {
            throw HealthProbeError("\(host) could not be resolved: \(String(cString: gai_strerror(resolved))).")
        }
        defer { freeaddrinfo(first) }
        var failure = "no address"
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let address = next {
            next = address.pointee.ai_next
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard descriptor >= 0 else { failure = errorText(); continue }
            let probe = ProbeSocket(descriptor: descriptor, endpoint: endpoint)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            if connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return probe }
            guard errno == EINPROGRESS else { failure = errorText(); probe.closeSocket(); continue }
            guard probe.wait(for: Int16(POLLOUT), until: deadline) else {
                probe.closeSocket()
                throw HealthProbeError("Connecting to \(endpoint) timed out.")
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
            if socketError == 0 { return probe }
            failure = String(cString: strerror(socketError))
            probe.closeSocket()
        }
        throw HealthProbeError("Connecting to \(endpoint) failed: \(failure).")
    }

    /// Sends all of `text`.
    func sendAll(_ text: String, deadline: ContinuousClock.Instant) throws(HealthProbeError) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            guard wait(for: Int16(POLLOUT), until: deadline) else {
                throw HealthProbeError("Sending the request to \(endpoint) timed out.")
            }
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Self.sendFlags) }
            if sent < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw HealthProbeError("Sending the request to \(endpoint) failed: \(Self.errorText()).")
            }
            offset += sent
        }
    }

    /// Reads up to the first line break (or 1 KiB, or the end of the stream).
    func receiveLine(deadline: ContinuousClock.Instant) throws(HealthProbeError) -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while !received.contains(UInt8(ascii: "\n")), received.count < 1024 {
            guard wait(for: Int16(POLLIN), until: deadline) else {
                throw HealthProbeError("\(endpoint) did not answer in time.")
            }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw HealthProbeError("Reading the answer of \(endpoint) failed: \(Self.errorText()).")
            }
            received += chunk[..<count]
        }
        let line = received.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        return String(decoding: line, as: UTF8.self).trimmingSuffix("\r")
    }

    func closeSocket() {
        _ = close(descriptor)
    }

    /// Waits until `events` are ready; false when the deadline passed first.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(max(1, remaining.milliseconds)))
            if ready > 0 { return true }
            if ready == 0 { return false }
            if errno != EINTR { return true }
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }

    #if canImport(Glibc)
    private static let streamSocketType = Int32(SOCK_STREAM.rawValue)
    /// A peer that closed early must not kill the probe with SIGPIPE.
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let streamSocketType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif
}
