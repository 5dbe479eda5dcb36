import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Sends HTTP requests to a stack under test and records what came back.
///
/// The probe accepts self-signed certificates by default, because the stacks it checks serve a
/// default certificate made at build time; a check that cares about the certificate inspects it
/// separately. Always call ``shutdown()`` (or use ``withProbe(verifyCertificates:_:)``).
public final class HTTPProbe: Sendable {
    private let client: HTTPClient
    /// Bodies larger than this are cut; the lab never needs more to judge a response.
    public let bodyLimit: Int

    /// Creates a probe.
    /// - Parameters:
    ///   - verifyCertificates: whether TLS certificates must chain to a trusted root.
    ///   - bodyLimit: the most response-body bytes kept per request.
    ///   - connectionsPerHost: how many keep-alive connections to one host may be open at once;
    ///     requests beyond that wait for a free one.
    public init(verifyCertificates: Bool = false, bodyLimit: Int = 1 << 20, connectionsPerHost: Int = 8) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !verifyCertificates {
            tls.certificateVerification = .none
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerHost))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.bodyLimit = bodyLimit
    }

    /// Runs `body` with a fresh probe and shuts the probe down afterwards, whatever happens.
    public static func withProbe<Result: Sendable>(
        verifyCertificates: Bool = false,
        _ body: (HTTPProbe) async throws -> Result
    ) async throws -> Result {
        let probe = HTTPProbe(verifyCertificates: verifyCertificates)
        do {
            let result = try await body(probe)
            try await probe.shutdown()
            return result
        } catch {
            try? await probe.shutdown()
            throw error
        }
    }

    /// Sends one request and returns the exchange; only a missing response throws.
    /// - Parameters:
    ///   - method: `GET`, `POST`, …
    ///   - url: the full URL.
    ///   - body: the request body, sent as is.
    ///   - headers: extra request headers.
    ///   - basicAuth: user and password for an `Authorization: Basic` header.
    ///   - timeout: the deadline for the whole exchange.
    public func send(
        _ method: String,
        _ url: String,
        body: String? = nil,
        headers: [(String, String)] = [],
        basicAuth: (user: String, password: String)? = nil,
        timeout: Duration = .seconds(10)
    ) async throws(HTTPProbeError) -> HTTPExchange {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let basicAuth {
            let token = Data("\(basicAuth.user):\(basicAuth.password)".utf8).base64EncodedString()
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic \(token)")
        }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanosecondsClamped))
            var collected = ByteBuffer()
            for try await var chunk in response.body {
                let room = bodyLimit - collected.readableBytes
                if room > 0 {
                    collected.writeBuffer(&chunk)
                }
            }
            let kept = collected.readableBytesView.prefix(bodyLimit)
            var responseHeaders: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                responseHeaders[name] = responseHeaders[name].map { "\($0), \(header.value)" } ?? header.value
            }
            return HTTPExchange(
                method: method,
                url: url,
                status: Int(response.status.code),
                headers: responseHeaders,
                body: String(decoding: kept, as: UTF8.self),
                duration: clock.now - start
            )
        } catch {
            throw HTTPProbeError(method: method, url: url, reason: String(describing: error))
        }
    }

    /// Shuts the underlying HTTP client down; call once, when done.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to `Int64`.
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
