@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak figures: per-second counts")
struct PerSecondSeriesTests {
    @Test("each outcome counts in its second; silent seconds are zeros; the series is Codable")
    func bucketing() throws {
        var series = PerSecondSeries(start: Date(timeIntervalSince1970: 1_800_000_000))
        series.add(.acknowledged, second: 0)
        series.add(.acknowledged, second: 0)
        series.add(.refused, second: 1)
        series.add(.indeterminate, count: 3, second: 4)
        series.add(.acknowledged, second: -1)
        #expect(series.count == 5)
        #expect(series.acknowledged == [3, 0, 0, 0, 0])
        #expect(series.refused == [0, 1, 0, 0, 0])
        #expect(series.indeterminate == [0, 0, 0, 0, 3])
        #expect(series.errors == [0, 1, 0, 0, 3])
        #expect(series[4] == (0, 0, 3))
        #expect(series[9] == (0, 0, 0))
        series.extend(through: 6)
        #expect(series.count == 7)
        #expect(try JSONDecoder().decode(PerSecondSeries.self, from: JSONEncoder().encode(series)) == series)
    }

    @Test("the tally puts an attempt in the second its answer came and times only acknowledged ones")
    func tally() {
        var tally = SoakTally(start: Date())
        tally.record(.acknowledged, took: .milliseconds(4), second: 0)
        tally.record(.refused, took: .milliseconds(1), second: 2)
        tally.record(.indeterminate, took: .seconds(5), second: 7)
        #expect((tally.acknowledged, tally.refused, tally.indeterminate, tally.ended) == (1, 1, 1, 3))
        #expect(tally.series.count == 8)
        #expect(tally.publishLatency.count == 1)
        #expect(tally.publishLatency.max == .milliseconds(4))
    }

    @Test("the result's figures carry stable keys")
    func figureKeys() {
        var tally = SoakTally(start: Date())
        for second in 0..<4 {
            for _ in 0..<(second == 3 ? 10 : 100) { tally.record(.acknowledged, took: .milliseconds(2), second: second) }
        }
        tally.record(.refused, took: .milliseconds(1), second: 1)
        let result = SoakLoadResult(
            route: .api, started: tally.series.start, elapsed: .seconds(4), acknowledged: tally.acknowledged, refused: tally.refused,
            indeterminate: tally.indeterminate, series: tally.series, publishLatency: tally.publishLatency.summary)
        let figures = Dictionary(uniqueKeysWithValues: result.figures.map { ($0.key, $0) })
        #expect(figures["soak.sent"]?.value == 311)
        #expect(figures["soak.acknowledged"]?.value == 310)
        #expect(figures["soak.refused"]?.value == 1)
        #expect(figures["soak.indeterminate"]?.value == 0)
        #expect(figures["soak.acked.per.second"]?.value == 77.5)
        #expect(figures["soak.acked.per.second.median"]?.value == 100)
        #expect(figures["soak.publish.latency.p99"]?.value == 2)
        #expect(figures["soak.publish.latency.p99"]?.unit == "ms")
        #expect(Set(figures.keys).isSuperset(of: ["soak.publish.latency.p50", "soak.publish.latency.p95", "soak.publish.latency.max", "soak.elapsed"]))
    }

    @Test("the progress line says the last whole second's rates")
    func progressLine() {
        let progress = SoakProgress(elapsed: .milliseconds(12_400), acknowledged: 12_345, refused: 0, indeterminate: 2, inFlight: 16, ackedPerSecond: 1034, errorsPerSecond: 0)
        #expect(progress.description == "+12 s: 1034 acked/s, 0 errors/s (12345 acked, 0 refused, 2 indeterminate, 16 in flight)")
    }
}
