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
        var byChannel: [ChannelAddress: [Int]] = [:]
        var byToken: [String: [Int]] = [:]
        var deathsByToken: [String: [Int]] = [:]
        var deliveryIndexes: [(index: Int, channel: ChannelAddress)] = []
        for (index, event) in events.enumerated() {
            if let token = event.token, !event.deaths.isEmpty {
                deathsByToken[token, default: []].append(index)
            }
            guard event.kind == .delivered, let channel = event.channel else { continue }
            deliveryIndexes.append((index, channel))
            byChannel[channel, default: []].append(index)
            if let token = event.token {
                byToken[token, default: []].append(index)
            }
        }
        let drainTimes = drainTimesByQueue()
        var positionInChannel: [ChannelAddress: Int] = [:]
        var positionInToken: [String: Int] = [:]
        return deliveryIndexes.map { index, channel in
            let event = events[index]
            let channelPosition = positionInChannel[channel, default: 0]
            positionInChannel[channel] = channelPosition + 1
            let channelList = byChannel[channel, default: []]
            let next = channelPosition + 1 < channelList.count ? events[channelList[channelPosition + 1]] : nil
            var later: ArraySlice<Int> = []
            if let token = event.token {
                let tokenPosition = positionInToken[token, default: 0]
                positionInToken[token] = tokenPosition + 1
                later = byToken[token, default: []].dropFirst(tokenPosition + 1)
            }
            let (outcome, settledBy, settlement) = settle(
                event, on: channel, next: next, redelivery: later.lazy.map { events[$0] }.first { $0.redelivered },
                laterFromQueue: later.contains { events[$0].queue == event.queue },
                deathsAfter: event.token.map { deathsByToken[$0] ?? [] }.map { $0.filter { $0 > index }.map { events[$0] } } ?? [],
                drainedAt: Self.first(in: drainTimes[event.queue ?? ""] ?? [], after: event.receivedAt)
            )
            return BrokerDelivery(
                token: event.token, queue: event.queue ?? "", channel: channel,
                consumer: names[channel.connection.peerHost] ?? channel.connection.peerHost,
                at: event.receivedAt, redelivered: event.redelivered,
                outcome: outcome, settledBy: settledBy, settlement: settlement, sequence: event.sequence
            )
        }
    }

    /// The rules of the type's documentation, in order.
    private func settle(
        _ event: BrokerEvent, on channel: ChannelAddress, next: BrokerEvent?, redelivery: BrokerEvent?, laterFromQueue: Bool,
        deathsAfter: [BrokerEvent], drainedAt: Date?
    ) -> (DeliveryOutcome, Date?, Settlement) {
        let facts = consumers[channel]
        if facts?.acknowledges == false {
            return (.autoAcked, event.receivedAt, .autoAck)
        }
        let limitedToOne = facts?.effectiveLimit == 1
        let nextAt = limitedToOne ? next?.receivedAt : nil
        if !laterFromQueue, let queue = event.queue, let death = deathsAfter.first(where: { $0.wasDeadLettered(from: queue, reason: "rejected") }) {
            return (.rejected, [nextAt, death.receivedAt].compactMap { $0 }.min(), .deadLettered)
        }
        if let redelivery {
            if next != nil {
                return (.requeued, [nextAt, redelivery.receivedAt].compactMap { $0 }.min(), .requeued)
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
