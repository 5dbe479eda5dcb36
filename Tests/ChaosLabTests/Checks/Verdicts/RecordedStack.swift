@testable import ChaosLab
import Foundation

/// The stack the verdict tables record: an API, workers consuming `work` and the lab reading
/// the dead-letter queue, each at a fixed address the broker names its channels by.
enum RecordedStack {
    typealias R = RecordedBroker

    static let api = R.channel("172.20.0.4")
    static let worker1 = R.channel("172.20.0.5")
    static let worker2 = R.channel("172.20.0.6")
    static let worker3 = R.channel("172.20.0.7")
    /// A consumer of the work queue that is no worker of the roles.
    static let stray = R.channel("172.20.0.9")
    /// The lab's own connection, reading the dead-letter queue with basic.get.
    static let lab = R.channel("172.20.0.1", connection: 9)
    static let names = ["172.20.0.4": "api", "172.20.0.5": "worker1", "172.20.0.6": "worker2", "172.20.0.7": "worker3", "172.20.0.9": "monitor"]

    /// What the broker's consumer list says about a consumer of `work`.
    static func facts(_ channel: ChannelAddress, prefetch: Int = 1, global: Int = 0, acknowledges: Bool = true) -> ConsumerFacts {
        ConsumerFacts(channel: channel, queue: "work", prefetch: prefetch, globalPrefetch: global, acknowledges: acknowledges)
    }

    /// The consumers as ``BrokerObserver/consumerFacts(of:)`` gives them: each with its service.
    static func services(_ facts: [ConsumerFacts]) -> [(service: String, facts: ConsumerFacts)] {
        facts.map { (names[$0.channel.connection.peerHost] ?? $0.channel.connection.peerHost, $0) }
    }

    /// A publish through the API at `seconds`, answered `status` (`nil`: no answer).
    static func attempt(_ token: String, at seconds: Double = 0, status: Int? = 200) -> PublishAttempt {
        PublishAttempt(token: token, at: R.at(seconds), status: status, detail: status == 200 ? "queued" : "broker unavailable", took: .milliseconds(20))
    }

    /// The work queue as `rabbitmqctl list_queues` reports it.
    static func queue(ready: Int = 0, unacknowledged: Int = 0, consumers: Int = 2, durable: Bool = true) -> QueueStatus {
        QueueStatus(name: "work", durable: durable, ready: ready, unacknowledged: unacknowledged, consumers: consumers)
    }

    /// Roles with `workers` and an API that can ask for long work or not.
    static func roles(workers: Int = 2, workTime: Bool = true) -> StackRoles {
        var roles = StackRoles.reference(environment: [:])
        roles.workers = (0..<workers).map { "worker\($0 + 1)" }
        roles.api?.supportsWorkTime = workTime
        return roles
    }
}
