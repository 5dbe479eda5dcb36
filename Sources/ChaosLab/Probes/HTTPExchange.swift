/// One HTTP request and the response the lab observed, kept as evidence.
public struct HTTPExchange: Sendable, Codable, Hashable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The full URL requested.
    public var url: String
    /// The status code the server answered with.
    public var status: Int
    /// Response headers, names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The response body decoded as UTF-8 (invalid bytes replaced), cut at the probe's limit.
    public var body: String
    /// Time from sending the request to having the whole body.
    public var duration: Duration

    public init(method: String, url: String, status: Int, headers: [String: String], body: String, duration: Duration) {
        self.method = method
        self.url = url
        self.status = status
        self.headers = headers
        self.body = body
        self.duration = duration
    }

    /// The value of a response header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
