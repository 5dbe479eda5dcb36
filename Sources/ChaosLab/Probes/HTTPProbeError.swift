/// A request the probe could not complete: no response at all, as opposed to an error status,
/// which is an ``HTTPExchange`` like any other.
public struct HTTPProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The method of the failed request.
    public var method: String
    /// The URL of the failed request.
    public var url: String
    /// What went wrong, as the HTTP client reported it.
    public var reason: String

    public init(method: String, url: String, reason: String) {
        self.method = method
        self.url = url
        self.reason = reason
    }

    public var description: String {
        "\(method) \(url) got no response: \(reason)."
    }
}
