@testable import ChaosLab
import Foundation

/// A recorded firehose stream, written the way a person reads one: who got which message,
/// on which channel, when. Times are seconds from an arbitrary start.
struct RecordedBroker {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let broker = "172.20.0.2:5672"

    /// The channel of a consumer at `host` (its connection's client port fixed per host and
    /// `connection`, so a restarted worker gets a new one).
    static func channel(_ host: String, connection: Int = 1, number: Int = 1) -> ChannelAddress {
        ChannelAddress(connection: ConnectionName("\(host):\(40_000 + connection) -> \(broker)"), number: number)
    }

    private(set) var events: [BrokerEvent] = []

    mutating func deliver(_ token: String?, to channel: ChannelAddress, at seconds: Double, queue: String = "work", redelivered: Bool = false, deaths: [DeadLetter] = []) {
        events.append(BrokerEvent(
            sequence: events.count, kind: .delivered, receivedAt: Self.start.addingTimeInterval(seconds),
            routingKeys: [queue], queue: queue, redelivered: redelivered, channel: channel, user: "tasks",
            persistent: true, deaths: deaths, body: token ?? "someone else's message", token: token
        ))
    }

    mutating func publish(_ token: String, from channel: ChannelAddress, at seconds: Double, queue: String = "work", persistent: Bool = true) {
        events.append(BrokerEvent(
            sequence: events.count, kind: .published, receivedAt: Self.start.addingTimeInterval(seconds),
            routingKeys: [queue], routedQueues: [queue], channel: channel, user: "tasks", persistent: persistent, body: token, token: token
        ))
    }

    static func at(_ seconds: Double) -> Date {
        start.addingTimeInterval(seconds)
    }
}
