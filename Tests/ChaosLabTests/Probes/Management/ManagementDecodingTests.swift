@testable import ChaosLab
import Foundation
import Testing

/// Recorded answers of RabbitMQ 3.10.8 read into the lab's value types.
@Suite("Management API: recorded answers")
struct ManagementDecodingTests {
    typealias F = ManagementFixture

    @Test("overview: versions, node, statistics facts; the interval falls back to RabbitMQ's 5 s default")
    func overview() throws {
        let overview = try F.answer("overview").object(ManagementRows.overview)
        #expect(overview.managementVersion == "3.10.8")
        #expect(overview.rabbitmqVersion == "3.10.8")
        #expect(overview.erlangVersion == "25.2.3")
        #expect(overview.node == "rabbit@mgmtrec")
        #expect(overview.statisticsDatabaseEventQueue == 0)
        #expect(overview.ratesMode == .basic)
        #expect(overview.statisticsDisabled == false)
        #expect(overview.collectStatisticsInterval == nil)
        #expect(overview.statisticsInterval == .seconds(5))
    }

    @Test("channels: client, number, prefetch limits and cumulative counters")
    func channels() throws {
        let channels = try F.answer("channels").list(ManagementRows.channel)
        #expect(channels.count == 4)
        for channel in channels {
            let peer = try #require(channel.peerHost)
            let port = try #require(channel.peerPort)
            #expect(channel.clientAddress == peer)
            #expect(channel.connectionName == "\(peer):\(port) -> 172.19.0.2:5672")
            #expect(channel.name == "\(channel.connectionName ?? "") (1)")
            #expect(channel.number == 1)
            #expect(channel.user == "u")
        }

        let acking = try #require(channels.first { $0.prefetch == 1 })
        #expect(acking.globalPrefetch == 0)
        #expect(acking.unacknowledged == 1)
        #expect(acking.consumers == 1)
        #expect(acking.counts == ChannelStatus.MessageCounts(deliver: 8, deliverNoAck: 0, ack: 4, redeliver: 1, get: 0))

        let global = try #require(channels.first { $0.globalPrefetch == 1 })
        #expect(global.prefetch == 0)
        #expect(global.unacknowledged == 1)
        #expect(global.counts.deliver == 1)

        let auto = try #require(channels.first { $0.counts.deliverNoAck > 0 })
        #expect(auto.counts == ChannelStatus.MessageCounts(deliverNoAck: 3))

        let reader = try #require(channels.first { $0.consumers == 0 })
        #expect(reader.counts == ChannelStatus.MessageCounts(ack: 2, get: 2))
    }

    @Test("consumers: queue, tag, ack mode, prefetch and the channel they sit on")
    func consumers() throws {
        let consumers = try F.answer("consumers").list(ManagementRows.consumer)
        let byTag = Dictionary(uniqueKeysWithValues: consumers.map { ($0.tag, $0) })
        #expect(Set(byTag.keys) == ["worker-ack-1", "worker-autoack-1", "worker-global-1"])

        let acking = try #require(byTag["worker-ack-1"])
        #expect(acking.queue == "task_queue")
        #expect(acking.acknowledgementRequired)
        #expect(acking.prefetch == 1)
        #expect(acking.channelNumber == 1)
        #expect(acking.peerHost == "172.19.0.1")
        let port = try #require(acking.peerPort)
        #expect(acking.connectionName == "172.19.0.1:\(port) -> 172.19.0.2:5672")
        #expect(acking.channelName == "172.19.0.1:\(port) -> 172.19.0.2:5672 (1)")

        #expect(byTag["worker-autoack-1"]?.queue == "orders queue")
        #expect(byTag["worker-autoack-1"]?.acknowledgementRequired == false)
        // A channel-wide prefetch is the channel's, not the consumer's.
        #expect(byTag["worker-global-1"]?.prefetch == 0)
        #expect(byTag["worker-global-1"]?.queue == "capped")
    }

    @Test("consumers and channels meet on the channel name")
    func consumersMeetChannels() throws {
        let channels = try F.answer("channels").list(ManagementRows.channel)
        let consumers = try F.answer("consumers").list(ManagementRows.consumer)
        for consumer in consumers {
            let channel = try #require(channels.first { $0.name == consumer.channelName })
            #expect(channel.peerPort == consumer.peerPort)
            #expect(channel.consumers == 1)
        }
    }

    @Test("connections: client-provided names, peer, user, open time, state")
    func connections() throws {
        let connections = try F.answer("connections").list(ManagementRows.connection)
        #expect(Set(connections.compactMap(\.clientProvidedName)) == ["recorder-setup", "worker-ack", "worker-autoack", "worker-global"])
        let acking = try #require(connections.first { $0.clientProvidedName == "worker-ack" })
        #expect(acking.peerHost == "172.19.0.1")
        #expect(acking.name == "172.19.0.1:\(acking.peerPort ?? 0) -> 172.19.0.2:5672")
        #expect(acking.user == "u")
        #expect(acking.state == .running)
        #expect(acking.channels == 1)
        let opened = try #require(acking.connectedAt)
        #expect(opened.timeIntervalSince1970 > 1_700_000_000)
        #expect(opened.timeIntervalSince1970 < 1_900_000_000)
    }

    @Test("queues: counts, arguments as text, type, policy and its definition")
    func queues() throws {
        let queues = try F.answer("queues").list(ManagementRows.queue)
        let byName = Dictionary(uniqueKeysWithValues: queues.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["capped", "orders queue", "quorum.jobs", "task_queue", "task_queue.dlq"])

        let work = try #require(byName["task_queue"])
        #expect(work.durable)
        #expect(work.ready == 1)
        #expect(work.unacknowledged == 1)
        #expect(work.consumers == 1)
        #expect(work.type == .classic)
        #expect(work.arguments == ["x-dead-letter-exchange": "tasks.dlx", "x-dead-letter-routing-key": "task_queue.dlq"])
        #expect(work.policy == nil)
        #expect(work.operatorPolicy == "operator-cap")
        #expect(work.effectivePolicyDefinition == ["max-length": "1000"])
        #expect(work.countsReported)

        let capped = try #require(byName["capped"])
        #expect(!capped.durable)
        #expect(capped.arguments == ["x-dead-letter-exchange": "arg.dlx", "x-max-length": "10", "x-message-ttl": "120000", "x-overflow": "drop-head"])
        #expect(capped.policy == "capped-limits")

        #expect(byName["quorum.jobs"]?.type == .quorum)
        #expect(byName["task_queue.dlq"]?.ready == 2)
        #expect(byName["orders queue"]?.effectivePolicyDefinition["dead-letter-routing-key"] == "expired")
    }

    @Test("a single queue reads like a row of the list", arguments: ["task_queue", "orders queue", "capped", "quorum.jobs"])
    func singleQueue(name: String) throws {
        let file = "queue-" + name.replacingOccurrences(of: " ", with: "_")
        let single = try F.answer(file).object(ManagementRows.queue)
        let listed = try #require(try F.answer("queues").list(ManagementRows.queue).first { $0.name == name })
        #expect(single.name == name)
        #expect(single.arguments == listed.arguments)
        #expect(single.effectivePolicyDefinition == listed.effectivePolicyDefinition)
        #expect(single.type == listed.type)
        #expect(single.durable == listed.durable)
    }

    @Test("exchange, its bindings, and the policies")
    func routing() throws {
        let exchange = try F.answer("exchange-tasks").object(ManagementRows.exchange)
        #expect(exchange == ExchangeStatus(name: "tasks", type: .direct, durable: true))

        let bindings = try F.answer("bindings-tasks").list(ManagementRows.binding)
        #expect(bindings == [
            Binding(source: "tasks", destination: "orders queue", destinationType: .queue, routingKey: "order", arguments: ["origin": "web", "x-match": "all"]),
            Binding(source: "tasks", destination: "task_queue", destinationType: .queue, routingKey: "task"),
        ])

        let policies = try F.answer("policies").list(ManagementRows.policy)
        let capped = try #require(policies.first { $0.name == "capped-limits" })
        #expect(capped.pattern == "^capped$")
        #expect(capped.applyTo == .queues)
        #expect(capped.applyTo.coversQueues)
        #expect(capped.priority == 2)
        #expect(capped.definition == ["dead-letter-exchange": "policy.dlx", "max-length": "5", "message-ttl": "30000", "overflow": "reject-publish"])
        #expect(policies.map(\.name).sorted() == ["capped-limits", "orders-limits", "quorum-overflow"])
    }

    @Test("whoami: a management-only user sees no one else's channels, and says so by its tags")
    func managementOnly() throws {
        let administrator = try F.answer("whoami").object(ManagementRows.user)
        #expect(administrator == ManagementUser(name: "u", tags: ["administrator"]))
        #expect(administrator.seesEveryConnection)

        let watcher = try F.answer("whoami-management-only").object(ManagementRows.user)
        #expect(watcher.tags == ["management"])
        #expect(!watcher.seesEveryConnection)
        // Recorded while four channels were open: the answer is an empty list, not a refusal.
        #expect(try F.answer("channels-management-only").list(ManagementRows.channel).isEmpty)
    }
}
