@testable import ChaosLab
import Foundation
import Testing

/// Answers shaped like other RabbitMQ versions' (3.8's, 3.13's) or cut short: missing fields
/// read as defaults, one odd field costs that field, never the answer.
@Suite("Management API: tolerance")
struct ManagementToleranceTests {
    typealias F = ManagementFixture

    @Test("a 3.8-style queue: empty maps printed as lists, no type, no statistics yet")
    func oldQueue() throws {
        let body = #"[{"name":"jobs","durable":true,"arguments":[],"effective_policy_definition":[],"policy":"","exclusive":false}]"#
        let queue = try #require(try F.made(status: 200, body: body).list(ManagementRows.queue).first)
        #expect(queue == QueueStatus(name: "jobs", durable: true, ready: 0, unacknowledged: 0, consumers: 0, countsReported: false))
    }

    @Test("odd fields cost themselves only; rows that are not objects are skipped")
    func oddFields() throws {
        let body = #"""
        [
          {"name":"a -> b (2)","prefetch_count":"3","global_prefetch_count":null,"number":2.0,
           "connection_details":[],"message_stats":{"ack":"many","deliver":7}},
          42,
          {"name":"172.18.0.9:5000 -> 172.18.0.2:5672 (1)"}
        ]
        """#
        let channels = try F.made(status: 200, body: body).list(ManagementRows.channel)
        #expect(channels.count == 2)
        #expect(channels[0].prefetch == 3)
        #expect(channels[0].globalPrefetch == 0)
        #expect(channels[0].number == 2)
        #expect(channels[0].peerHost == nil)
        #expect(channels[0].counts == ChannelStatus.MessageCounts(deliver: 7))
        #expect(channels[1].clientAddress == "172.18.0.9")
        #expect(channels[1].counts == ChannelStatus.MessageCounts())
    }

    @Test("a consumer whose channel just closed, and a queue given by name only")
    func consumerWithoutChannel() throws {
        let body = #"[{"queue":"jobs","consumer_tag":"c1","ack_required":false,"prefetch_count":0,"channel_details":[]}]"#
        let consumer = try #require(try F.made(status: 200, body: body).list(ManagementRows.consumer).first)
        #expect(consumer == ConsumerStatus(queue: "jobs", tag: "c1", acknowledgementRequired: false, prefetch: 0))
    }

    @Test("3.8's whoami writes the tags as one string")
    func oldTags() throws {
        let user = try F.made(status: 200, body: #"{"name":"lab","tags":"monitoring,management"}"#).object(ManagementRows.user)
        #expect(user.tags == ["monitoring", "management"])
        #expect(user.seesEveryConnection)
    }

    @Test("a newer overview telling the statistics interval, and one telling almost nothing")
    func overviews() throws {
        let told = try F.made(status: 200, body: #"{"management_version":"3.13.7","node":"rabbit@a","collect_statistics_interval":10000,"rates_mode":"none","disable_stats":true}"#)
            .object(ManagementRows.overview)
        #expect(told.statisticsInterval == .seconds(10))
        #expect(told.ratesMode == ManagementOverview.RatesMode.none)
        #expect(told.statisticsDisabled)
        let sparse = try F.made(status: 200, body: #"{"product_version":"3.8.9"}"#).object(ManagementRows.overview)
        #expect(sparse.rabbitmqVersion == "3.8.9")
        #expect(sparse.statisticsInterval == ManagementOverview.defaultStatisticsInterval)
    }

    @Test("argument values of every JSON kind become text")
    func argumentText() throws {
        let body = #"[{"name":"q","arguments":{"x-max-length":10,"x-ha":true,"x-ratio":0.5,"x-list":[1,"a"],"x-map":{"b":2,"a":null}}}]"#
        let queue = try #require(try F.made(status: 200, body: body).list(ManagementRows.queue).first)
        #expect(queue.arguments == ["x-max-length": "10", "x-ha": "true", "x-ratio": "0.5", "x-list": #"[1,"a"]"#, "x-map": #"{"a":null,"b":2}"#])
    }

    @Test("new vocabulary words are kept, and code as the word")
    func vocabulary() throws {
        let policy = try F.made(status: 200, body: #"{"name":"p","pattern":".*","apply-to":"quorum_queues","definition":{},"priority":1}"#).object(ManagementRows.policy)
        #expect(policy.applyTo == .other("quorum_queues"))
        #expect(policy.applyTo.coversQueues)
        let encoded = try String(decoding: JSONEncoder().encode(policy.applyTo), as: UTF8.self)
        #expect(encoded == #""quorum_queues""#)
        #expect(try JSONDecoder().decode(QueueType.self, from: Data(#""stream""#.utf8)) == .stream)
    }
}
