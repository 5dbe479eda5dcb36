import Foundation

/// A check's timeline as inline SVG: one lane per worker, one bar per message from start to
/// end, faults as labelled vertical lines, and a time axis in seconds since the check started.
///
/// Every message is exactly one `<rect class="bar …">` with a `<title>` tooltip; nothing else
/// is drawn with `<rect>`, so the bars can be counted. Colours are set as attributes, so the
/// SVG reads the same outside the page.
struct TimelineSVG {
    /// The check whose messages and faults are drawn.
    let result: CheckResult
    /// Prefix for element ids, unique in the page (several timelines share one document).
    let idPrefix: String

    static let width = 1000.0
    static let labelWidth = 130.0
    static let rightMargin = 28.0
    static let rowHeight = 12.0
    static let rowGap = 4.0
    static let lanePadding = 8.0
    static let faultRowHeight = 14.0
    static let axisHeight = 36.0

    /// The fill of each outcome (Okabe–Ito colours, told apart with common colour blindness).
    static let outcomeColours: [DeliveryOutcome: String] = [.acked: "#009E73", .autoAcked: "#56B4E9", .rejected: "#D55E00", .requeued: "#E69F00"]
    static let unsettledColour = "#999999"
    static let redeliveredColour = "#0072B2"
    static let faultColour = "#6A3D9A"

    /// The lanes' workers: every worker in the messages, in natural order (worker2 before worker10).
    var workers: [String] {
        Set(result.messages.map(\.worker)).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    }

    /// A fault's short name on the timeline and in the fault list: `F1`, `F2`, …
    static func faultTag(_ index: Int) -> String {
        "F\(index + 1)"
    }

    /// The SVG element, or `nil` when the check followed no messages.
    var rendered: String? {
        guard !result.messages.isEmpty else { return nil }
        let times = result.messages.flatMap { [result.offset(of: $0.start)] + ($0.end.map { [result.offset(of: $0)] } ?? []) }
            + result.faults.map { result.offset(of: $0.at) + $0.took.seconds }
            + result.faults.map { result.offset(of: $0.at) }
        let axis = TimelineAxis(covering: times, atLeast: result.duration.seconds, left: Self.labelWidth, right: Self.width - Self.rightMargin)
        let lanes = workers.map { worker in
            TimelineLane(worker: worker, messages: result.messages.filter { $0.worker == worker }, axis: axis) {
                (result.offset(of: $0.start), $0.end.map(result.offset(of:)))
            }
        }
        let labels = TimelineFaultLabels(faults: result.faults, axis: axis, offset: result.offset(of:), rightEdge: Self.width - 2)
        let top = Double(labels.rows) * Self.faultRowHeight + 6
        var y = top
        var laneTops: [Double] = []
        for lane in lanes {
            laneTops.append(y)
            y += laneHeight(lane)
        }
        let lanesBottom = y
        let height = lanesBottom + Self.axisHeight

        var svg: [String] = []
        let title = HTMLEscaping.text("Timeline of \(result.title)")
        svg.append(#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 \#(Self.n(Self.width)) \#(Self.n(height))" width="\#(Self.n(Self.width))" height="\#(Self.n(height))" role="img" aria-labelledby="\#(idPrefix)-title \#(idPrefix)-desc" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11">"#)
        svg.append(#"<title id="\#(idPrefix)-title">\#(title)</title>"#)
        svg.append(#"<desc id="\#(idPrefix)-desc">\#(HTMLEscaping.text(summary(lanes: lanes)))</desc>"#)
        svg.append(##"<defs><pattern id="\##(idPrefix)-unfinished" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><path d="M0 0H6V6H0Z" fill="#E4E4E4"/><path d="M1 0V6" stroke="#666666" stroke-width="2"/></pattern></defs>"##)
        for (index, lane) in lanes.enumerated() {
            svg += drawLane(lane, top: laneTops[index], shaded: index.isMultiple(of: 2), axis: axis)
        }
        svg += drawAxis(axis, top: top, bottom: lanesBottom)
        for (index, lane) in lanes.enumerated() {
            svg += lane.bars.map { drawBar($0, laneTop: laneTops[index]) }
        }
        svg += labels.placed.flatMap { drawFault($0, top: top, bottom: lanesBottom) }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    func laneHeight(_ lane: TimelineLane) -> Double {
        Double(lane.rows) * (Self.rowHeight + Self.rowGap) - Self.rowGap + 2 * Self.lanePadding + 4
    }

    func summary(lanes: [TimelineLane]) -> String {
        let unfinished = result.messages.filter { $0.end == nil }.count
        let redelivered = result.messages.filter(\.redelivered).count
        return "\(result.messages.count) message\(result.messages.count == 1 ? "" : "s") on \(lanes.count) worker\(lanes.count == 1 ? "" : "s")"
            + " (\(redelivered) redelivered, \(unfinished) unfinished); \(result.faults.count) fault\(result.faults.count == 1 ? "" : "s") injected."
    }

    /// A coordinate as SVG wants it: one decimal, no locale.
    static func n(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
