/// What a synthetic run looks like: how many messages, over how many workers, and how much of
/// each kind of trouble it holds. The same shape and seed always build the same run.
struct SyntheticShape: Sendable, Hashable {
    /// Messages the lab publishes, the planted lost ones included (the poison message not).
    var messages: Int
    /// Worker containers consuming the work queue, each on one channel at a time.
    var workers: Int
    /// How many of the workers consume without acknowledgements (auto-ack).
    var autoAckWorkers: Int
    /// The share of messages whose worker is killed holding them, then redelivered to another.
    var redeliveredFraction: Double
    /// The share of messages a worker rejects, found dead-lettered afterwards.
    var rejectedFraction: Double
    /// The share of publishes the API refuses (HTTP 503): never on the broker.
    var refusedFraction: Double
    /// The share of publishes whose answer never comes although the broker took the message.
    var timedOutFraction: Double
    /// Messages delivered to a worker that is killed and never redelivered: the losses the
    /// analysis must find, no more and no fewer.
    var lost: Int
    /// Messages the API publishes twice (a retry), so workers process them twice.
    var duplicates: Int
    /// Messages with the run's tokens that the lab never published.
    var strays: Int
    /// Deliveries of one poison message requeued in a loop before it is dead-lettered; 0 for
    /// no poison message.
    var requeueLoop: Int
    var seed: UInt64

    /// The messages outside the tail of planted losses.
    var flowing: Int { messages - lost }

    var redelivered: Int { Self.share(redeliveredFraction, of: flowing) }
    var rejected: Int { Self.share(rejectedFraction, of: flowing) }
    var refused: Int { Self.share(refusedFraction, of: flowing) }
    var timedOut: Int { Self.share(timedOutFraction, of: flowing) }

    /// Messages that each play one planted part in the flow.
    var plantedInFlow: Int { redelivered + rejected + refused + timedOut + duplicates }

    var acknowledgingWorkers: Int { workers - autoAckWorkers }

    /// Why the shape cannot be built, or `nil` when it can.
    var problem: String? {
        if workers < 2 {
            return "A run needs at least 2 workers, so a killed worker's message has another to go to; got \(workers)."
        }
        if autoAckWorkers < 0 || acknowledgingWorkers < 2 {
            return "At least 2 of the \(workers) workers must acknowledge, so kills and redeliveries are possible; \(autoAckWorkers) auto-ack workers leave \(acknowledgingWorkers)."
        }
        if lost < 0 || duplicates < 0 || strays < 0 || requeueLoop < 0 {
            return "Counts of lost, duplicated and stray messages and of requeue-loop deliveries cannot be negative."
        }
        for (name, fraction) in [("redelivered", redeliveredFraction), ("rejected", rejectedFraction), ("refused", refusedFraction), ("timed-out", timedOutFraction)]
        where !(0...1).contains(fraction) {
            return "The \(name) fraction must be between 0 and 1; got \(fraction)."
        }
        // Planted parts go to acknowledging workers, away from the first and last rounds.
        let room = Int(Double(flowing - 4 * workers) * Double(acknowledgingWorkers) / Double(workers))
        if plantedInFlow > room {
            return "\(messages) messages over \(workers) workers leave room for about \(max(room, 0)) planted messages, but the fractions and counts ask for \(plantedInFlow); publish more messages or plant less."
        }
        return nil
    }

    private static func share(_ fraction: Double, of count: Int) -> Int {
        Int((fraction * Double(count)).rounded())
    }
}
