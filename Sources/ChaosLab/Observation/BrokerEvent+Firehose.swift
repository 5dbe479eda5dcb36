public import AMQPClient
public import Foundation

extension BrokerEvent {
    /// The most body bytes kept per event: the lab's tokens sit near the start of a message.
    static let bodyLimit = 2048

    /// Reads one message of the firehose: its routing key says what happened
    /// (`publish.<exchange>`, `deliver.<queue>`) and its headers say where (RabbitMQ 3.10:
    /// `exchange_name`, `routing_keys`, `routed_queues`, `redelivered`, `connection`,
    /// `channel`, `user`, `properties`); its body is the message's. `nil` for anything else.
    /// - Parameters:
    ///   - message: the message taken off the lab's queue bound to `amq.rabbitmq.trace`.
    ///   - sequence: its place in the stream.
    ///   - receivedAt: when the lab received it.
    ///   - tokens: finds the lab's token in the body.
    public init?(firehose message: AMQPMessage, sequence: Int, receivedAt: Date, tokens: LabTokens) {
        let key = message.routingKey
        let kind: Kind
        let name: String
        if key.hasPrefix("publish.") {
            kind = .published
            name = String(key.dropFirst("publish.".count))
        } else if key.hasPrefix("deliver.") {
            kind = .delivered
            name = String(key.dropFirst("deliver.".count))
        } else {
            return nil
        }
        let headers = message.properties.headers ?? [:]
        let properties = headers["properties"]?.tableValue ?? [:]
        let channel = headers["connection"]?.stringValue.flatMap { connection in
            headers["channel"]?.intValue.map { ChannelAddress(connection: ConnectionName(connection), number: Int($0)) }
        }
        let body = message.body.count > Self.bodyLimit ? Array(message.body.prefix(Self.bodyLimit)) : message.body
        let text = String(decoding: body, as: UTF8.self)
        self.init(
            sequence: sequence,
            kind: kind,
            receivedAt: receivedAt,
            exchange: headers["exchange_name"]?.stringValue ?? (kind == .published ? name : ""),
            routingKeys: Self.strings(headers["routing_keys"]),
            queue: kind == .delivered ? name : nil,
            routedQueues: Self.strings(headers["routed_queues"]),
            redelivered: (headers["redelivered"]?.intValue ?? 0) != 0 || headers["redelivered"]?.boolValue == true,
            channel: channel,
            user: headers["user"]?.stringValue ?? "",
            persistent: properties["delivery_mode"]?.intValue == 2,
            deaths: BrokerClient.deaths(in: properties["headers"]?.tableValue),
            body: text,
            bodySize: message.body.count,
            token: tokens.first(in: text)
        )
    }

    private static func strings(_ value: AMQPFieldValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
