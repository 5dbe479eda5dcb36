/// How the lab publishes one event straight to the broker the way the stack's own producers
/// do: the exchange, the routing key, the body in their format, and their delivery mode.
///
/// Counting stacks (a consumer that counts events per client) have producers the lab cannot
/// drive (timers, buttons, a login), so the lab publishes in their place, with its token in
/// the field the consumer counts by.
public struct EventRoute: Sendable, Codable, Hashable {
    /// The exchange; "" is the default exchange, which routes by queue name.
    public var exchange: String
    public var routingKey: String
    /// The body with `{{token}}` where the counted key goes, e.g.
    /// `{'service_id': '{{token}}', 'action': 'registro'}` for a producer that sends Python's
    /// `str()` of a dict, or `{"cliente": "{{token}}"}` for one that sends JSON.
    public var bodyTemplate: String
    /// Whether the producers publish persistent messages (delivery mode 2).
    public var persistent: Bool

    public init(exchange: String = "", routingKey: String, bodyTemplate: String, persistent: Bool = false) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.bodyTemplate = bodyTemplate
        self.persistent = persistent
    }

    /// The body of the event counted under `token`.
    public func body(token: String) -> String {
        bodyTemplate.replacing("{{token}}", with: token)
    }

    /// Where the events go, in words: `the exchange "eventos" with routing key "analiticas"`.
    public var destination: String {
        exchange.isEmpty ? "the default exchange with routing key \"\(routingKey)\"" : "the exchange \"\(exchange)\" with routing key \"\(routingKey)\""
    }
}
