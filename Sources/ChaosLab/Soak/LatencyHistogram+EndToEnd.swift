public import Foundation

extension LatencyHistogram {
    /// End-to-end latencies: from each publish's send to the moment the broker showed its
    /// message settled (the worker's ack), for every attempt whose token has a time in
    /// `settled`, whatever the API or broker answered (an indeterminate publish that got through
    /// travelled like any other).
    public static func endToEnd(attempts: some Sequence<PublishAttempt>, settled: [String: Date]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for attempt in attempts {
            guard let end = settled[attempt.token] else { continue }
            histogram.record(.seconds(end.timeIntervalSince(attempt.at)))
        }
        return histogram
    }

    /// When each token's message was first settled as processed (acked, or sent to an
    /// auto-ack consumer), from the observer's deliveries: the end of its end-to-end latency.
    /// A redelivered message ends at its first processing; a requeue or a reject ends nothing.
    /// A delivery known settled only because the queue was later seen empty has no end time
    /// (the drain bounds it from above, often by many seconds) and is left out.
    public static func settlementTimes(_ deliveries: some Sequence<BrokerDelivery>) -> [String: Date] {
        var times: [String: Date] = [:]
        for delivery in deliveries where delivery.outcome.isHandled && delivery.settlement != .drained {
            guard let token = delivery.token else { continue }
            let end = delivery.settledBy ?? delivery.at
            if let known = times[token], known <= end { continue }
            times[token] = end
        }
        return times
    }
}
