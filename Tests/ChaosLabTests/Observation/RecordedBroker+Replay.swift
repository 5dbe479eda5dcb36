@testable import ChaosLab
import Foundation

extension RecordedBroker {
    /// The stream run through the ``DeliveryLedger`` the way ``BrokerObserver`` runs it: every
    /// delivery, settled from what the broker showed.
    /// - Parameters:
    ///   - consumers: what the broker's consumer list said about each consumer channel.
    ///   - drains: seconds at which the lab saw `drained` hold nothing.
    ///   - names: the service behind each client address.
    func deliveries(consumers: [ConsumerFacts] = [], drains: [Double] = [], drained: String = "work", names: [String: String] = [:]) -> [BrokerDelivery] {
        DeliveryLedger(
            events: events,
            consumers: Dictionary(consumers.map { ($0.channel, $0) }, uniquingKeysWith: { _, last in last }),
            drains: drains.map { DrainMark(queue: drained, at: Self.at($0)) },
            names: names
        ).deliveries
    }

    /// The deliveries of the lab's messages from `queue` as timeline bars: what
    /// ``BrokerObserver/traces(tokenPrefix:queue:since:)`` hands a check.
    func traces(queue: String = "work", consumers: [ConsumerFacts] = [], drains: [Double] = [], names: [String: String] = [:]) -> [MessageTrace] {
        deliveries(consumers: consumers, drains: drains, drained: queue, names: names).filter { $0.queue == queue }.compactMap(\.trace)
    }

    /// Whether the firehose saw each message published persistent, by token.
    var publishedPersistent: [String: Bool] {
        Dictionary(events.filter { $0.kind == .published }.compactMap { event in event.token.map { ($0, event.persistent) } }, uniquingKeysWith: { first, _ in first })
    }
}
