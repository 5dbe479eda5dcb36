import Foundation

/// Works out, from the broker's own events, which consumer got which message and how each
/// delivery was settled. Nothing here asks the stack's code for anything.
///
/// The firehose reports deliveries but not acknowledgements, so settlement is inferred, each
/// rule from a fact the broker guarantees:
/// 1. a consumer without acknowledgements (auto-ack) settles on delivery;
/// 2. a message that turns up dead-lettered out of the queue (`x-death` naming it, reason
///    `rejected`) was rejected, by its last consumer before that;
/// 3. a message delivered again, flagged redelivered, was given back: requeued if its channel
///    went on receiving, else taken back from a consumer that went away (killed, cut off);
/// 4. a channel allowed one unacknowledged delivery that receives the next one had settled the
///    previous one (acknowledged; a reject would have shown by rule 2 or 3, or the message
///    was dropped for want of a dead-letter exchange, which the checks that care ask about);
/// 5. a queue seen holding nothing, ready or unacknowledged, had every earlier delivery settled.
///
/// Anything else is `unfinished`: unsettled while the lab watched.
public struct DeliveryLedger: Sendable {
    /// The firehose events, in the order received.
    public var events: [BrokerEvent]
    /// What the broker said about each consumer channel.
    public var consumers: [ChannelAddress: ConsumerFacts]
    /// Moments at which queues held nothing.
    public var drains: [DrainMark]
    /// The service behind a client address, if known.
    public var names: [String: String]

    public init(events: [BrokerEvent], consumers: [ChannelAddress: ConsumerFacts] = [:], drains: [DrainMark] = [], names: [String: String] = [:]) {
        self.events = events
        self.consumers = consumers
        self.drains = drains
        self.names = names
    }

    /// Every delivery, in the order the broker made them.
    public var deliveries: [BrokerDelivery] {
        let index = DeliveryIndex(events: events, consumers: consumers, names: names)
        let drainTimes = drainTimesByQueue()
        return index.deliveries.map { delivery in
            let event = events[delivery.event]
            let channel = index.channels[delivery.channel]
            let nextOnChannel = delivery.positionInChannel + 1 < channel.deliveries.count ? channel.deliveries[delivery.positionInChannel + 1] : nil
            var later: ArraySlice<Int> = []
            var deaths: ArraySlice<Int> = []
            if let token = delivery.token {
                later = index.tokens[token.number].deliveries.dropFirst(token.position + 1)
                deaths = index.tokens[token.number].deaths[...]
            }
            let (outcome, settledBy, settlement) = settle(
                event, facts: channel.facts, next: nextOnChannel.map { events[$0].receivedAt },
                redelivery: later.first { events[$0].redelivered }.map { events[$0].receivedAt },
                laterFromQueue: later.contains { events[$0].queue == event.queue },
                deathsAfter: deaths.lazy.filter { $0 > delivery.event }.map { events[$0] },
                drainedAt: Self.first(in: drainTimes[event.queue ?? ""] ?? [], after: event.receivedAt)
            )
            return BrokerDelivery(
                token: event.token, queue: event.queue ?? "", channel: channel.address, consumer: channel.consumer,
                at: event.receivedAt, redelivered: event.redelivered,
                outcome: outcome, settledBy: settledBy, settlement: settlement, sequence: event.sequence
            )
        }
    }

    /// The rules of the type's documentation, in order.
    /// - Parameters:
    ///   - facts: what the broker said about the delivery's channel.
    ///   - next: when the channel received its next delivery, if it did.
    ///   - redelivery: when the message was next delivered flagged redelivered, if it was.
    ///   - laterFromQueue: whether the message was delivered from the same queue again.
    ///   - deathsAfter: the later events that carried the message with an `x-death`.
    ///   - drainedAt: when the queue was first seen empty afterwards.
    private func settle(
        _ event: BrokerEvent, facts: ConsumerFacts?, next: Date?, redelivery: Date?, laterFromQueue: Bool,
        deathsAfter: some Sequence<BrokerEvent>, drainedAt: Date?
    ) -> (DeliveryOutcome, Date?, Settlement) {
        if facts?.acknowledges == false {
            return (.autoAcked, event.receivedAt, .autoAck)
        }
        let limitedToOne = facts?.effectiveLimit == 1
        let nextAt = limitedToOne ? next : nil
        if !laterFromQueue, let queue = event.queue, let death = deathsAfter.first(where: { $0.wasDeadLettered(from: queue, reason: "rejected") }) {
            return (.rejected, [nextAt, death.receivedAt].compactMap { $0 }.min(), .deadLettered)
        }
        if let redelivery {
            if next != nil {
                return (.requeued, [nextAt, redelivery].compactMap { $0 }.min(), .requeued)
            }
            return (.unfinished, nil, .consumerGone)
        }
        if let nextAt {
            return (.acked, nextAt, .nextDelivery)
        }
        if let drainedAt {
            return (.acked, drainedAt, .drained)
        }
        return (.unfinished, nil, .none)
    }

    /// Each queue's drain times, sorted.
    private func drainTimesByQueue() -> [String: [Date]] {
        Dictionary(grouping: drains, by: \.queue).mapValues { $0.map(\.at).sorted() }
    }

    /// The first of the sorted `times` after `date`.
    private static func first(in times: [Date], after date: Date) -> Date? {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= date { low = middle + 1 } else { high = middle }
        }
        return low < times.count ? times[low] : nil
    }
}
