public import AMQPClient
import Foundation

/// Where a soak publishes straight to the broker: how to connect, and what each message is.
/// Messages are persistent and mandatory (one that matches no queue comes back, and counts as
/// refused), with the token as their `message_id`.
public struct SoakAMQPTarget: Sendable {
    /// Opens one connection, named as given (the broker shows the name).
    public var connect: @Sendable (_ connectionName: String) async throws -> AMQPConnection
    /// The exchange; "" is the default exchange, which routes by queue name.
    public var exchange: String
    public var routingKey: String
    /// The body, with `{{token}}`, `{{work_ms}}` and `{{work_dots}}` as in an API role's template.
    public var bodyTemplate: String
    /// Persistent (delivery mode 2) or transient messages.
    public var persistent: Bool

    /// The reference stack's workers read this JSON (the API's own message, less `sent_at`).
    public static let referenceBodyTemplate = #"{"id": "{{token}}", "message": "{{token}}", "work_ms": {{work_ms}}, "poison": false}"#

    public init(
        routingKey: String, exchange: String = "", bodyTemplate: String = SoakAMQPTarget.referenceBodyTemplate,
        persistent: Bool = true, connect: @escaping @Sendable (_ connectionName: String) async throws -> AMQPConnection
    ) {
        self.connect = connect
        self.exchange = exchange
        self.routingKey = routingKey
        self.bodyTemplate = bodyTemplate
        self.persistent = persistent
    }

    /// The stack's work queue, through the default exchange, reached the way the lab reaches
    /// the broker (``BrokerLine``).
    public static func workQueue(of line: BrokerLine, bodyTemplate: String = referenceBodyTemplate) -> SoakAMQPTarget {
        SoakAMQPTarget(routingKey: line.roles.workQueue, bodyTemplate: bodyTemplate) { name in
            try await line.connect(connectionName: name)
        }
    }

    /// A function making each token's message, the template split once so that a message
    /// costs one concatenation.
    func messages(workMilliseconds: Int) -> @Sendable (String) -> AMQPOutgoingMessage {
        let filled = APIRole.fill(bodyTemplate, token: "{{token}}", workMilliseconds: workMilliseconds)
        let parts = filled.components(separatedBy: "{{token}}").map { Array($0.utf8) }
        let exchange = exchange
        let routingKey = routingKey
        let deliveryMode: AMQPDeliveryMode = persistent ? .persistent : .transient
        return { token in
            let tokenBytes = Array(token.utf8)
            var body = parts[0]
            for part in parts.dropFirst() {
                body += tokenBytes
                body += part
            }
            return AMQPOutgoingMessage(
                body, exchange: exchange, routingKey: routingKey, mandatory: true,
                properties: AMQPProperties(contentType: "application/json", deliveryMode: deliveryMode, messageID: token))
        }
    }
}
