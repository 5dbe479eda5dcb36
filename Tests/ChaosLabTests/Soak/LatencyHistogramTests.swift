@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak figures: latency histograms")
struct LatencyHistogramTests {
    @Test("percentiles of 1…1000 ms are those of the samples, to three significant digits")
    func knownSamples() throws {
        var histogram = LatencyHistogram()
        for millisecond in 1...1000 { histogram.record(.milliseconds(millisecond)) }
        let summary = try #require(histogram.summary)
        #expect(summary.count == 1000)
        for (value, expected) in [(summary.p50, 500.0), (summary.p95, 950.0), (summary.p99, 990.0), (summary.max, 1000.0)] {
            let milliseconds = value.seconds * 1000
            #expect(abs(milliseconds - expected) <= expected * 0.001, "\(milliseconds) ms, expected \(expected) ms")
        }
        let figures = histogram.figures(key: "soak.publish.latency", label: "publish latency")
        #expect(figures.map(\.key) == ["soak.publish.latency.p50", "soak.publish.latency.p95", "soak.publish.latency.p99", "soak.publish.latency.max"])
        #expect(figures.allSatisfy { $0.unit == "ms" })
        #expect(figures[0].label == "publish latency p50")
        #expect(abs(figures[2].value - 990) <= 1)
    }

    @Test("a skewed distribution: 99 fast samples and one slow one")
    func tail() throws {
        var histogram = LatencyHistogram()
        for _ in 0..<99 { histogram.record(.microseconds(800)) }
        histogram.record(.seconds(2))
        let summary = try #require(histogram.summary)
        #expect(summary.p50 == .microseconds(800))
        #expect(summary.p99 == .microseconds(800))
        #expect(abs(summary.max.seconds - 2) < 0.002)
    }

    @Test("nothing recorded: no summary, no figures; negative latencies count as zero, huge ones as the highest")
    func edges() {
        var histogram = LatencyHistogram()
        #expect(histogram.summary == nil)
        #expect(histogram.figures(key: "k", label: "l").isEmpty)
        histogram.record(.milliseconds(-5))
        histogram.record(.seconds(100_000))
        #expect(histogram.count == 2)
        #expect(histogram.percentile(50) == .zero)
        #expect(abs(histogram.max.seconds - LatencyHistogram.highest.seconds) < 4)
    }

    @Test("end to end: from each publish's send to its message's first processing, the same way")
    func endToEnd() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let attempts = (1...100).map { number in
            PublishAttempt(token: "soak-abcdef-\(number)", at: start.addingTimeInterval(Double(number)), status: 200, detail: "", took: .milliseconds(2))
        }
        func delivery(_ number: Int, after seconds: Double, _ outcome: DeliveryOutcome) -> BrokerDelivery {
            let at = start.addingTimeInterval(Double(number) + seconds - 0.001)
            return BrokerDelivery(
                token: "soak-abcdef-\(number)", queue: "work", channel: ChannelAddress(channelName: "10.0.0.2:1 -> 10.0.0.3:5672 (1)")!,
                consumer: "worker1", at: at, redelivered: false, outcome: outcome,
                settledBy: outcome == .unfinished ? nil : at.addingTimeInterval(0.001), settlement: outcome == .unfinished ? .none : .nextDelivery, sequence: number)
        }
        // Every message processed 10 ms after its send, message 100 also requeued first and
        // processed again later; message 50 never processed.
        var deliveries = (1...100).filter { $0 != 50 }.map { delivery($0, after: 0.010, .acked) }
        deliveries.append(delivery(100, after: 0.005, .requeued))
        deliveries.append(delivery(100, after: 3, .acked))
        deliveries.append(delivery(50, after: 0.2, .unfinished))
        // Known acked only from a drain 40 s later: no end time, so no latency.
        var drained = delivery(101, after: 0.01, .acked)
        drained.settledBy = start.addingTimeInterval(141)
        drained.settlement = .drained
        deliveries.append(drained)
        let settled = LatencyHistogram.settlementTimes(deliveries)
        #expect(settled.count == 99)
        let histogram = LatencyHistogram.endToEnd(attempts: attempts, settled: settled)
        #expect(histogram.count == 99)
        let summary = try #require(histogram.summary)
        #expect(abs(summary.p50.seconds - 0.010) < 0.0001)
        #expect(abs(summary.max.seconds - 0.010) < 0.0001)
    }
}
