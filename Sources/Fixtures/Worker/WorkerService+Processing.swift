import AMQPClient
import Foundation
import Logging

extension WorkerService {
    /// Handles one delivery from start to acknowledgement.
    ///
    /// - Throws: `CancellationError` when shutdown interrupts the work (the message stays
    ///   unacknowledged), or the connection's error when settling fails.
    func process(_ delivery: AMQPMessage, on channel: AMQPChannel, of connection: AMQPConnection) async throws {
        let started = Date()
        guard let work = ReceivedWork(delivery) else {
            let id = delivery.properties.messageID ?? "unknown"
            let text = String(decoding: delivery.body, as: UTF8.self)
            try await finish(delivery, id: id, text: text, outcome: .rejected, started: started, on: channel, of: connection)
            logger.info("rejected id=\(id) reason=unparseable")
            return
        }
        logger.info("received id=\(work.id) redelivered=\(delivery.redelivered) message=\(work.text.singleLine)")
        do {
            try await Task.sleep(for: .milliseconds(work.workMilliseconds))
        } catch {
            logger.info("interrupted id=\(work.id) redelivered=\(delivery.redelivered) (left unacknowledged for the broker to requeue)")
            throw error
        }
        if work.poison {
            let outcome: ProcessedRecord.Outcome = configuration.has(.requeuePoison) ? .requeued : .rejected
            try await finish(delivery, id: work.id, text: work.text, outcome: outcome, started: started, on: channel, of: connection)
            logger.info("\(outcome.rawValue) id=\(work.id) reason=poison")
        } else {
            try await finish(delivery, id: work.id, text: work.text, outcome: .acked, started: started, on: channel, of: connection)
            let elapsed = Int((Date().timeIntervalSince(started) * 1000).rounded())
            logger.info("done id=\(work.id) redelivered=\(delivery.redelivered) ms=\(elapsed)")
        }
    }

    /// Records the outcome, then acknowledges or rejects the delivery (nothing to send with
    /// knob `auto-ack`: the broker considered it acknowledged on delivery).
    ///
    /// The record comes first: a worker killed between the two leaves a message that is
    /// recorded and then redelivered (a duplicate, which at-least-once allows), never one that
    /// was acknowledged without a trace. On a connection already known to be gone the record
    /// is skipped, because the broker will redeliver the message.
    private func finish(
        _ delivery: AMQPMessage, id: String, text: String, outcome: ProcessedRecord.Outcome, started: Date,
        on channel: AMQPChannel, of connection: AMQPConnection
    ) async throws {
        let connectionOpen = await connection.isOpen
        if !acknowledges || connectionOpen {
            let record = ProcessedRecord(
                worker: configuration.workerID, id: id, message: text, redelivered: delivery.redelivered,
                outcome: outcome, startedAt: Timestamp.iso8601(started), finishedAt: Timestamp.now())
            do {
                try messageLog.append(record)
            } catch {
                logger.error("\(error)")
            }
        }
        guard acknowledges else { return }
        do {
            switch outcome {
            case .acked: try await channel.ack(delivery.deliveryTag)
            case .rejected: try await channel.reject(delivery.deliveryTag, requeue: false)
            case .requeued: try await channel.reject(delivery.deliveryTag, requeue: true)
            }
        } catch {
            logger.info("unsettled id=\(id) redelivered=\(delivery.redelivered) (the broker will redeliver it)")
            throw error
        }
    }
}
