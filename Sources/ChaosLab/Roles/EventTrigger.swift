/// A producer's own way in: an HTTP request that makes it publish one event, counted under a
/// key of its own, e.g. seed 004's `GET /cliente/uno`, which publishes one `registro` event
/// with `service_id` `app1`.
///
/// The lab publishes its own events straight to the broker to tell each one apart; the
/// trigger is how it also proves the path a user takes: request, producer, broker, counter.
public struct EventTrigger: Sendable, Codable, Hashable {
    /// The URL, as seen from the host; the lab sends GET.
    public var url: String
    /// The key the events it publishes are counted under (the producer's `SERVICE_ID`, say).
    public var key: String

    public init(url: String, key: String) {
        self.url = url
        self.key = key
    }
}
