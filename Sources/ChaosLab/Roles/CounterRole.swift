/// A service that counts events per key and shows its counts over HTTP, e.g. a `/reporte`
/// page listing `app1: 12` per client, or a JSON object `{"app1": 12}`.
public struct CounterRole: Sendable, Codable, Hashable {
    /// The counting consumer's service: the one the lab kills and starts again.
    public var service: String
    /// The page with the counts, as seen from the host, e.g. `http://127.0.0.1:5064/reporte`.
    public var url: String
    /// Basic-auth credentials, when the page wants them.
    public var user: String?
    public var password: String?

    public init(service: String, url: String, user: String? = nil, password: String? = nil) {
        self.service = service
        self.url = url
        self.user = user
        self.password = password
    }
}
