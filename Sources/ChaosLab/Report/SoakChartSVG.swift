import Foundation

/// A soak's chart as inline SVG: acknowledged msg/s on top, p99 publish latency below, on one
/// time axis, with each fault's window shaded across both and tagged `F1`, `F2`, … at the top.
///
/// Each fault window is exactly one `<rect class="fault-window">` with a `<title>`, so they
/// can be counted; colours are attributes, so the SVG reads the same outside the page.
struct SoakChartSVG {
    let chart: SoakChart
    /// Prefix for element ids, unique in the page.
    let idPrefix: String

    static let width = 1000.0
    static let left = 70.0
    static let right = 20.0
    static let tagRow = 18.0
    static let panelHeight = 130.0
    static let gap = 26.0
    static let axisHeight = 34.0
    static let throughputColour = "#0072B2"
    static let latencyColour = "#D55E00"
    static let faultColour = "#6A3D9A"

    func render() -> String {
        let axis = TimelineAxis(covering: [0], atLeast: chart.duration, left: Self.left, right: Self.width - Self.right)
        let throughputTop = Self.tagRow + 4
        let latencyTop = throughputTop + Self.panelHeight + Self.gap
        let bottom = latencyTop + Self.panelHeight
        let height = bottom + Self.axisHeight
        var svg = [
            #"<svg xmlns="http://www.w3.org/2000/svg" class="soak-chart" viewBox="0 0 \#(n(Self.width)) \#(n(height))" width="\#(n(Self.width))" height="\#(n(height))" role="img" aria-labelledby="\#(idPrefix)-title" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11">"#,
            #"<title id="\#(idPrefix)-title">\#(HTMLEscaping.text(summary))</title>"#,
        ]
        svg += chart.windows.map { window(for: $0, axis: axis, top: throughputTop, bottom: bottom) }
        let throughput = chart.acknowledgedPerSecond
        svg += panel(
            title: "acknowledged msg/s", values: throughput.map { Optional($0) }, scale: Self.niceMaximum(throughput.max() ?? 0),
            format: { String(Int($0.rounded())) }, colour: Self.throughputColour, axis: axis, top: throughputTop, filled: true
        )
        // Latency spans orders of magnitude under faults (milliseconds, then seconds while the
        // broker is away), so its panel is logarithmic: 10^k ms per gridline.
        let latencies = chart.p99PerSecond.map { $0.map { log10(max($0 * 1000, 0.1)) } }
        let decades = latencies.compactMap { $0 }
        let low = (decades.min() ?? 0).rounded(.down)
        let high = max((decades.max() ?? 1).rounded(.up), low + 1)
        svg += panel(
            title: "p99 publish latency (ms, logarithmic)", values: latencies.map { $0.map { $0 - low } }, scale: high - low,
            format: { Self.milliseconds(pow(10, $0 + low)) }, colour: Self.latencyColour, axis: axis, top: latencyTop, filled: false,
            gridlines: Int(high - low)
        )
        for tick in axis.ticks(target: 10) {
            let x = n(axis.x(tick))
            svg.append(##"<path class="grid" d="M\##(x) \##(n(throughputTop))V\##(n(bottom + 4))" stroke="#E4E8EC" stroke-width="1"/>"##)
            svg.append(##"<text x="\##(x)" y="\##(n(bottom + 16))" text-anchor="middle" fill="#424A53">\##(TimelineAxis.label(tick))</text>"##)
        }
        svg.append(##"<text x="\##(n(Self.width - Self.right))" y="\##(n(bottom + 30))" text-anchor="end" font-size="10" fill="#59636E">seconds since the load started</text>"##)
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// One shaded window across both panels, with its tag above.
    private func window(for window: SoakChart.Window, axis: TimelineAxis, top: Double, bottom: Double) -> String {
        let x0 = axis.x(window.start)
        let x1 = max(axis.x(window.end ?? chart.duration), x0 + 2)
        let open = window.end == nil ? " (never healed)" : ""
        let tooltip = "\(window.tag): \(window.label), +\(Self.seconds(window.start)) to \(window.end.map { "+" + Self.seconds($0) } ?? "the end")\(open)"
        return [
            #"<g class="fault"><title>\#(HTMLEscaping.text(tooltip))</title>"#,
            #"<rect class="fault-window" x="\#(n(x0))" y="\#(n(top))" width="\#(n(x1 - x0))" height="\#(n(bottom - top))" fill="\#(Self.faultColour)" fill-opacity="0.10" stroke="\#(Self.faultColour)" stroke-opacity="0.35" stroke-width="1"\#(window.end == nil ? #" stroke-dasharray="3 3""# : "")/>"#,
            #"<text x="\#(n(x0 + 2))" y="\#(n(Self.tagRow))" font-weight="600" fill="\#(Self.faultColour)">\#(HTMLEscaping.text(window.tag))</text>"#,
            "</g>",
        ].joined()
    }

    /// A panel: its frame, scale labels and the series as a line (or a filled area).
    private func panel(
        title: String, values: [Double?], scale: Double, format: (Double) -> String, colour: String,
        axis: TimelineAxis, top: Double, filled: Bool, gridlines: Int = 1
    ) -> [String] {
        let bottom = top + Self.panelHeight
        func y(_ value: Double) -> Double { bottom - value / scale * Self.panelHeight }
        var lines = [
            ##"<path class="frame" d="M\##(n(Self.left)) \##(n(top))V\##(n(bottom))H\##(n(Self.width - Self.right))" fill="none" stroke="#8C959F" stroke-width="1"/>"##,
            ##"<text x="\##(n(Self.left + 4))" y="\##(n(top + 11))" font-weight="600" fill="\##(colour)">\##(HTMLEscaping.text(title))</text>"##,
        ]
        for line in 0...max(gridlines, 1) {
            let value = scale * Double(line) / Double(max(gridlines, 1))
            lines.append(##"<text x="\##(n(Self.left - 6))" y="\##(n(y(value) + 4))" text-anchor="end" fill="#424A53">\##(format(value))</text>"##)
            if line > 0 && line < gridlines {
                lines.append(##"<path class="grid" d="M\##(n(Self.left)) \##(n(y(value)))H\##(n(Self.width - Self.right))" stroke="#E4E8EC" stroke-width="1"/>"##)
            }
        }
        // Each second is drawn at its middle; a second without a value breaks the line.
        var segments: [[(Double, Double)]] = [[]]
        for (second, value) in values.enumerated() {
            guard let value else {
                if !(segments.last?.isEmpty ?? true) { segments.append([]) }
                continue
            }
            segments[segments.count - 1].append((axis.x(Double(second) + 0.5), y(min(value, scale))))
        }
        for points in segments where !points.isEmpty {
            let path = points.enumerated().map { index, point in "\(index == 0 ? "M" : "L")\(n(point.0)) \(n(point.1))" }.joined()
            if filled, let first = points.first, let last = points.last {
                lines.append(#"<path class="area" d="\#(path)L\#(n(last.0)) \#(n(bottom))L\#(n(first.0)) \#(n(bottom))Z" fill="\#(colour)" fill-opacity="0.15" stroke="none"/>"#)
            }
            lines.append(#"<path class="series" d="\#(path)" fill="none" stroke="\#(colour)" stroke-width="1.5"/>"#)
        }
        return lines
    }

    var summary: String {
        let total = chart.acknowledgedPerSecond.reduce(0, +)
        return "Acknowledged msg/s and p99 publish latency over \(Int(chart.duration)) s (\(Int(total)) acknowledged), with \(chart.windows.count) fault\(chart.windows.count == 1 ? "" : "s") shaded."
    }

    /// A round ceiling for a panel's scale: 1, 2 or 5 × 10ⁿ at or above `value`.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        return TimelineAxis.step(for: value)
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }

    /// A latency label: `0.1`, `1`, `10`, … `10k` milliseconds.
    static func milliseconds(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded >= 1_000 { return "\(Int((rounded / 1_000).rounded()))k" }
        return rounded < 1 ? String(format: "%.1f", rounded) : String(Int(rounded.rounded()))
    }

    private func n(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
