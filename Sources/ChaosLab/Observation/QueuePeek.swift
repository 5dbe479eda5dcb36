public import AMQPClient
import Foundation

/// Asks the broker about a queue over AMQP (a passive `queue.declare`): live, exact and
/// cheap, unlike `rabbitmqctl` (an Erlang VM a call) or the management API (behind by its
/// statistics interval). It tells ready messages and consumers, not unacknowledged ones.
///
/// One connection for a run, opened on first use and again after the broker restarts; a
/// channel per question, because the broker closes the channel that asked for a queue that
/// does not exist.
public actor QueuePeek {
    private let line: BrokerLine
    private var connection: AMQPConnection?

    public init(line: BrokerLine) {
        self.line = line
    }

    /// The queue's ready messages and consumers; `nil` when the broker has no such queue.
    /// - Throws: the connection's error when the broker cannot be reached.
    public func state(of queue: String) async throws -> QueueState? {
        let connection = try await connected()
        let channel: AMQPChannel
        do {
            channel = try await connection.openChannel()
        } catch {
            await drop()
            throw error
        }
        do {
            let state = try await channel.declareQueue(queue, passive: true)
            try? await channel.close()
            return state
        } catch let error as AMQPError where error.replyCode == 404 {
            return nil
        } catch {
            await drop()
            throw error
        }
    }

    /// Empties `queue` of its ready messages (deliveries not yet acknowledged stay) and says
    /// how many it removed.
    @discardableResult
    public func purge(_ queue: String) async throws -> Int {
        let connection = try await connected()
        do {
            let channel = try await connection.openChannel()
            let removed = try await channel.purgeQueue(queue)
            try? await channel.close()
            return Int(removed)
        } catch {
            await drop()
            throw error
        }
    }

    /// Closes the connection.
    public func close() async {
        await drop()
    }

    private func connected() async throws -> AMQPConnection {
        if let connection, await connection.isOpen { return connection }
        await drop()
        let fresh = try await line.connect(connectionName: "chaoslab queue peek")
        connection = fresh
        return fresh
    }

    private func drop() async {
        await connection?.close()
        connection = nil
    }
}
