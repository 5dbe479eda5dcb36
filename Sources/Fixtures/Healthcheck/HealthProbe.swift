import Foundation

/// One `GET` over a plain TCP socket, reading nothing but the status line: the smallest
/// HTTP client that can tell whether the API answers, with one deadline for everything.
struct HealthProbe: Sendable {
    /// An `http://` URL.
    let url: String
    /// Deadline for name resolution, connect, request and status line together.
    let timeout: Duration

    /// The HTTP status the URL answers with.
    ///
    /// - Throws: ``HealthProbeError`` when the URL is not plain http, or nothing answered in time.
    func status() throws(HealthProbeError) -> Int {
        let deadline = ContinuousClock.now + timeout
        guard let parsed = URL(string: url), parsed.scheme?.lowercased() == "http", let host = parsed.host, !host.isEmpty else {
            throw HealthProbeError("\(url) is not a plain http:// URL.")
        }
        let port = parsed.port ?? 80
        let path = (parsed.path.isEmpty ? "/" : parsed.path) + (parsed.query.map { "?" + $0 } ?? "")
        let socket = try ProbeSocket.open(host: host, port: port, deadline: deadline)
        defer { socket.closeSocket() }
        let hostHeader = parsed.port.map { "\(host):\($0)" } ?? host
        try socket.sendAll("GET \(path) HTTP/1.0\r\nHost: \(hostHeader)\r\nConnection: close\r\n\r\n", deadline: deadline)
        let line = try socket.receiveLine(deadline: deadline)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw HealthProbeError("\(url) did not answer with an HTTP status line (got \"\(line.singleLine)\").")
        }
        return status
    }
}
