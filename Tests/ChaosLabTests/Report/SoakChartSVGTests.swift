@testable import ChaosLab
import Foundation
import Testing

@Suite("Soak chart")
struct SoakChartSVGTests {
    /// 60 s at about 1,000 msg/s, dipping while a worker is killed and while the broker is down.
    static let chart: SoakChart = {
        var throughput = Array(repeating: 1_000.0, count: 60)
        var latency: [Double?] = Array(repeating: 0.012, count: 60)
        for second in 10..<14 { throughput[second] = 600 }
        for second in 30..<38 {
            throughput[second] = 0
            latency[second] = nil
        }
        latency[38] = 2.4
        return SoakChart(acknowledgedPerSecond: throughput, p99PerSecond: latency, windows: [
            SoakChart.Window(tag: "F1", label: "SIGKILL worker1", start: 10, end: 14),
            SoakChart.Window(tag: "F2", label: "SIGKILL the broker (rabbitmq)", start: 30, end: 37.5),
            SoakChart.Window(tag: "F3", label: "pause worker2", start: 50, end: nil),
        ])
    }()

    @Test("well-formed SVG: one shaded window per fault, a series per panel, gaps where no second answered")
    func structure() throws {
        let svg = SoakChartSVG(chart: Self.chart, idPrefix: "soak").render()
        #expect(XMLCheck.problem(svg) == nil)
        #expect(try XMLCheck.count("//*[local-name()='rect'][@class='fault-window']", in: svg) == 3)
        // Throughput: one unbroken line; latency: broken by the outage into two.
        #expect(try XMLCheck.count("//*[local-name()='path'][@class='series']", in: svg) == 3)
        #expect(svg.contains("F2: SIGKILL the broker (rabbitmq), +30.0 s to +37.5 s"))
        #expect(svg.contains("F3: pause worker2, +50.0 s to the end (never healed)"))
        #expect(svg.contains(#"stroke-dasharray="3 3""#))
    }

    @Test("scales round up to 1, 2 or 5 times a power of ten")
    func scales() {
        #expect(SoakChartSVG.niceMaximum(1_000) == 1_000)
        #expect(SoakChartSVG.niceMaximum(1_001) == 2_000)
        #expect(SoakChartSVG.niceMaximum(2_400) == 5_000)
        #expect(SoakChartSVG.niceMaximum(0) == 1)
    }

    @Test("an empty soak still draws its axes")
    func empty() {
        let svg = SoakChartSVG(chart: SoakChart(acknowledgedPerSecond: [], p99PerSecond: [], windows: []), idPrefix: "x").render()
        #expect(XMLCheck.problem(svg) == nil)
        #expect(svg.contains("seconds since the load started"))
    }
}
