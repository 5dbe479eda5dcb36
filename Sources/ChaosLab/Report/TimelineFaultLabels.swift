import Foundation

/// Where a timeline's fault labels go: above the lanes, in as few rows as keep them apart.
///
/// Each fault's line runs down from its label's row, so a label must not sit in a row above
/// an earlier label that spans the fault's time, or the line would strike through it. Faults
/// close in time (a kill, then a start a second later) step down a row each; past ``maxRows``
/// a label shrinks to its tag (`F5`), which the fault list under the timeline spells out.
struct TimelineFaultLabels {
    /// One fault's line and label.
    struct Placed {
        /// The fault's place in the check's fault list.
        let index: Int
        let event: FaultEvent
        /// Seconds since the check started.
        let offset: Double
        let x: Double
        /// Where the injecting command returned.
        let returnedX: Double
        let text: String
        let row: Int
        /// Whether the label ends at the line (drawn to its left) instead of starting there.
        let leftOfLine: Bool
        /// The label's horizontal extent.
        let start: Double
        let end: Double
    }

    static let maxRows = 4
    /// A rough width of one character at the labels' size, enough to keep labels apart.
    static let characterWidth = 6.4

    let placed: [Placed]
    /// How many label rows there are; 0 without faults.
    let rows: Int

    init(faults: [FaultEvent], axis: TimelineAxis, offset: (Date) -> Double, rightEdge: Double) {
        var placed: [Placed] = []
        let ordered = faults.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        for (index, event) in ordered {
            let seconds = offset(event.at)
            let x = axis.x(seconds)
            let tag = TimelineSVG.faultTag(index)
            let full = "\(tag) \(Self.shortName(event.fault))\(event.error == nil ? "" : " (failed)")"
            var chosen: Placed?
            for text in [full, tag] {
                let width = Double(text.count) * Self.characterWidth
                let leftOfLine = x + 3 + width > rightEdge
                let (start, end) = leftOfLine ? (x - 3 - width, x - 3) : (x + 3, x + 3 + width)
                // Below every earlier label this fault's line would cross…
                let lowest = placed.filter { $0.start - 2 <= x && x <= $0.end + 2 }.map { $0.row + 1 }.max() ?? 0
                // …and not below an earlier line that would cross this label.
                let highest = placed.filter { start - 2 <= $0.x && $0.x <= end + 2 }.map(\.row).min() ?? Self.maxRows - 1
                let free = (lowest..<Self.maxRows).first { row in
                    row <= highest && !placed.contains { $0.row == row && $0.start < end + 4 && start < $0.end + 4 }
                }
                if let free {
                    chosen = Placed(index: index, event: event, offset: seconds, x: x, returnedX: axis.x(seconds + event.took.seconds), text: text, row: free, leftOfLine: leftOfLine, start: start, end: end)
                    break
                }
            }
            placed.append(chosen ?? {
                let leftOfLine = x + 3 + 20 > rightEdge
                return Placed(
                    index: index, event: event, offset: seconds, x: x, returnedX: axis.x(seconds + event.took.seconds), text: tag,
                    row: Self.maxRows - 1, leftOfLine: leftOfLine, start: leftOfLine ? x - 23 : x + 3, end: leftOfLine ? x - 3 : x + 23
                )
            }())
        }
        self.placed = placed
        self.rows = placed.map { $0.row + 1 }.max() ?? 0
    }

    /// A fault in a few words for its label: the action and the target. The fault list and
    /// the tooltip give the rest (signal, timeout, command).
    static func shortName(_ fault: Fault) -> String {
        switch fault.action {
        case .kill(let signal): signal == .kill ? "kill \(fault.target)" : "\(signal) \(fault.target)"
        case .stop: "stop \(fault.target)"
        case .start: "start \(fault.target)"
        case .pause: "pause \(fault.target)"
        case .unpause: "unpause \(fault.target)"
        case .disconnect: "cut off \(fault.target)"
        case .connect: "reconnect \(fault.target)"
        case .restart: "restart \(fault.target)"
        case .partition: "partition \(fault.target)"
        case .dropPackets(let probability): "drop \(Fault.percent(probability)) \(fault.target)"
        case .limitBandwidth(let rate): "\(rate) kbit/s \(fault.target)"
        case .restoreNetwork: "restore \(fault.target)"
        case .loseNode(let node): "lose \(node)"
        case .reviveNode(let node): "revive \(node)"
        case .partitionNode(let node): "partition \(node)"
        case .healNode(let node): "heal \(node)"
        case .rollingUpdate(let order): "update \(fault.target) \(order.rawValue)"
        }
    }
}
