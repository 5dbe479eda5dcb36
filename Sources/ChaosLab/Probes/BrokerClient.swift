public import AMQPClient
import Foundation

/// The lab as an AMQP client of a stack's broker: publishes what the API cannot (a per-message
/// TTL, a burst past `x-max-length`) and takes the lab's own messages off a dead-letter queue.
///
/// One connection, one channel with publisher confirms; always ``close()`` it (or use
/// `withClient(_:connectionName:_:)`).
public struct BrokerClient: Sendable {
    public let connection: AMQPConnection
    let channel: AMQPChannel

    /// Connects with the stack's own credentials.
    public static func connect(_ access: BrokerAccess, connectionName: String) async throws -> BrokerClient {
        try await open(AMQPConnection.connect(access.configuration(connectionName: connectionName)))
    }

    /// Runs `body` with a client connected the way the lab watches the broker (its container's
    /// address, the lab's own user if the stack's is refused), and closes it afterwards.
    public static func withClient<Result: Sendable>(
        _ line: BrokerLine, connectionName: String, _ body: (BrokerClient) async throws -> Result
    ) async throws -> Result {
        try await using(open(line.connect(connectionName: connectionName)), body)
    }

    /// Runs `body` with `client` and closes it afterwards, whatever happens.
    private static func using<Result: Sendable>(_ client: BrokerClient, _ body: (BrokerClient) async throws -> Result) async throws -> Result {
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// A client on `connection`: one channel with publisher confirms. Closes the connection if
    /// that channel cannot be opened.
    static func open(_ connection: AMQPConnection) async throws -> BrokerClient {
        do {
            let channel = try await connection.openChannel()
            try await channel.enablePublisherConfirms()
            return BrokerClient(connection: connection, channel: channel)
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Runs `body` with a fresh client and closes it afterwards, whatever happens.
    public static func withClient<Result: Sendable>(
        _ access: BrokerAccess, connectionName: String, _ body: (BrokerClient) async throws -> Result
    ) async throws -> Result {
        try await using(connect(access, connectionName: connectionName), body)
    }

    public func close() async {
        await connection.close()
    }

    /// Publishes `body` persistently to `queue` through the default exchange, mandatory and
    /// confirmed; `expiration` is a per-message TTL.
    /// - Returns: the broker's answer.
    @discardableResult
    public func publish(_ body: String, to queue: String, expiration: Duration? = nil) async throws -> PublishConfirmation {
        let milliseconds = expiration.map { String(Int(($0.seconds * 1000).rounded())) }
        return try await channel.publish(
            body, routingKey: queue, mandatory: true,
            properties: AMQPProperties(contentType: "text/plain", deliveryMode: .persistent, expiration: milliseconds)
        )
    }

    /// Publishes one event the way the stack's producers do (their exchange, routing key and
    /// delivery mode), mandatory and confirmed, with `messageID` as its message id.
    /// - Returns: the broker's answer.
    @discardableResult
    public func publish(event body: String, on route: EventRoute, messageID: String) async throws -> PublishConfirmation {
        try await channel.publish(
            body, exchange: route.exchange, routingKey: route.routingKey, mandatory: true,
            properties: AMQPProperties(deliveryMode: route.persistent ? .persistent : .transient, messageID: messageID)
        )
    }

    /// Takes every message off `queue` whose body `matches`, and puts the others back.
    ///
    /// Messages are fetched with basic.get one by one until the queue is empty; the matching
    /// ones are acknowledged (removed), the others rejected with requeue once all were read,
    /// so a queue shared with other users loses nothing of theirs.
    public func take(from queue: String, limit: Int = 10_000, where matches: (String) -> Bool) async throws -> [DeadLetteredMessage] {
        var taken: [DeadLetteredMessage] = []
        var others: [UInt64] = []
        for _ in 0..<limit {
            guard let message = try await channel.get(queue: queue) else { break }
            let body = message.bodyString ?? String(decoding: message.body, as: UTF8.self)
            if matches(body) {
                try await channel.ack(message.deliveryTag)
                taken.append(DeadLetteredMessage(body: body, deaths: Self.deaths(in: message.properties.headers)))
            } else {
                others.append(message.deliveryTag)
            }
        }
        for tag in others {
            try await channel.reject(tag, requeue: true)
        }
        return taken
    }

    /// Empties `queue` and says how many messages it held.
    @discardableResult
    public func purge(_ queue: String) async throws -> Int {
        Int(try await channel.purgeQueue(queue))
    }

    /// The `x-death` entries of a message's headers, newest first.
    public static func deaths(in headers: AMQPTable?) -> [DeadLetter] {
        guard let entries = headers?["x-death"]?.arrayValue else { return [] }
        return entries.compactMap { entry in
            guard let table = entry.tableValue else { return nil }
            return DeadLetter(
                queue: table["queue"]?.stringValue ?? "",
                reason: table["reason"]?.stringValue ?? "",
                count: Int(table["count"]?.intValue ?? 0),
                exchange: table["exchange"]?.stringValue
            )
        }
    }
}
