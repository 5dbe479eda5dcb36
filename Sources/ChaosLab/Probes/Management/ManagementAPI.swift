import Foundation

/// Reads a RabbitMQ broker through its management HTTP API (the `rabbitmq_management` plugin,
/// port 15672), for one virtual host.
///
/// Unlike ``BrokerProbe`` it needs no access to the broker's container, and it tells more:
/// which client each channel and consumer belongs to, what each channel has delivered, which
/// policy shapes each queue. Its counters are the statistics database's, refreshed every
/// `collect_statistics_interval` (5 s by default, see ``ManagementOverview/statisticsInterval``):
/// wait that long after the activity before reading them.
///
/// The user needs the `monitoring` (or `administrator`) tag to see other users' connections,
/// channels and consumers; with `management` alone those lists come back empty, not refused
/// (check with ``whoami()``). Tolerates RabbitMQ 3.8–3.13: fields a version leaves out read as
/// defaults.
public struct ManagementAPI: Sendable, CustomStringConvertible {
    /// The API's root, e.g. `http://localhost:15672`, without `/api` or a trailing slash.
    public let baseURL: String
    /// The user every request logs in as.
    public let user: String
    private let password: String
    /// The virtual host read, `/` by default.
    public let virtualHost: String
    /// The probe requests go through.
    public let http: HTTPProbe
    /// The deadline for one request.
    public let timeout: Duration

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: the API's root, e.g. `http://localhost:15672` (a trailing `/api` is allowed).
    ///   - user: a broker user with the `monitoring` tag, ideally.
    ///   - password: its password; sent as HTTP basic auth, never written into errors.
    ///   - virtualHost: the virtual host to read.
    ///   - http: the probe to send requests with; the caller shuts it down.
    ///   - timeout: the deadline for one request.
    public init(baseURL: String, user: String, password: String, virtualHost: String = "/", http: HTTPProbe, timeout: Duration = .seconds(5)) {
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/api") { root.removeLast(4) }
        self.baseURL = root
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.http = http
        self.timeout = timeout
    }

    public var description: String {
        "RabbitMQ management API \(ManagementAPIError.withoutCredentials(baseURL)) as \(user), virtual host \(virtualHost)"
    }

    /// The API path for `segments`, each percent-encoded on its own: the virtual host `/` becomes
    /// `%2F`, a space `%20`, so that names with slashes, dots or spaces stay one segment.
    static func path(_ segments: [String]) -> String {
        "/api/" + segments.map(encode).joined(separator: "/")
    }

    /// `segment` with everything but RFC 3986's unreserved characters percent-encoded.
    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Sends one request to `segments` and returns the answer, whatever its status.
    func request(_ segments: [String], method: String = "GET", json body: String? = nil) async throws(ManagementAPIError) -> ManagementAnswer {
        let path = Self.path(segments)
        let url = baseURL + path
        do {
            // No Accept header: RabbitMQ 3.10 answers `Accept: application/json` on
            // DELETE …/contents with 406, and sends JSON to every GET without being asked.
            let exchange = try await http.send(
                method, url, body: body, headers: body == nil ? [] : [("Content-Type", "application/json")],
                basicAuth: (user, password), timeout: timeout
            )
            return ManagementAnswer(
                method: method,
                url: url,
                path: path,
                user: user,
                status: exchange.status,
                body: exchange.body,
                truncated: exchange.body.utf8.count >= http.bodyLimit
            )
        } catch {
            throw ManagementAPIError(method: method, url: url, user: user, code: .unreachable(detail: error.reason))
        }
    }
}
