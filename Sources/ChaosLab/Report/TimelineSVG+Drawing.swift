import Foundation

// MARK: - Lanes, axis, bars and faults

extension TimelineSVG {
    /// The longest worker name drawn whole in the label column; longer ones are cut, with the
    /// full name in a tooltip.
    static let workerLabelLength = 18

    func drawLane(_ lane: TimelineLane, top: Double, shaded: Bool, axis: TimelineAxis) -> [String] {
        let height = laneHeight(lane)
        let name = lane.worker.count > Self.workerLabelLength ? String(lane.worker.prefix(Self.workerLabelLength - 1)) + "…" : lane.worker
        let count = lane.bars.count
        let open = lane.bars.filter(\.open).count
        return [
            #"<path class="lane" d="M0 \#(Self.n(top))H\#(Self.n(Self.width))V\#(Self.n(top + height))H0Z" fill="\#(shaded ? "#F3F5F8" : "#FFFFFF")"/>"#,
            ##"<text class="worker" x="8" y="\##(Self.n(top + 15))" font-weight="600" fill="#1F2328">\##(HTMLEscaping.text(name))<title>\##(HTMLEscaping.text(lane.worker))</title></text>"##,
            ##"<text x="8" y="\##(Self.n(top + 27))" font-size="9.5" fill="#59636E">\##(count) message\##(count == 1 ? "" : "s")\##(open > 0 ? ", \(open) open" : "")</text>"##,
        ]
    }

    func drawAxis(_ axis: TimelineAxis, top: Double, bottom: Double) -> [String] {
        var lines: [String] = []
        for tick in axis.ticks() {
            let x = Self.n(axis.x(tick))
            lines.append(#"<path class="grid" d="M\#(x) \#(Self.n(top))V\#(Self.n(bottom + 4))" stroke="\#(tick == 0 ? "#8C959F" : "#D8DEE4")" stroke-width="1"/>"#)
            lines.append(##"<text x="\##(x)" y="\##(Self.n(bottom + 16))" text-anchor="middle" fill="#424A53">\##(TimelineAxis.label(tick))</text>"##)
        }
        lines.append(##"<path class="axis" d="M\##(Self.n(axis.left)) \##(Self.n(bottom))H\##(Self.n(axis.right))" stroke="#424A53" stroke-width="1"/>"##)
        lines.append(##"<text x="\##(Self.n(axis.right))" y="\##(Self.n(bottom + 31))" text-anchor="end" font-size="10" fill="#59636E">seconds since the check started</text>"##)
        return lines
    }

    func drawBar(_ bar: TimelineLane.Bar, laneTop: Double) -> String {
        let message = bar.message
        let y = laneTop + Self.lanePadding + 2 + Double(bar.row) * (Self.rowHeight + Self.rowGap)
        let hatched = bar.open || message.outcome == .unfinished
        let fill = hatched ? "url(#\(idPrefix)-unfinished)" : Self.outcomeColours[message.outcome] ?? Self.unsettledColour
        var stroke = ""
        if message.redelivered {
            stroke = #" stroke="\#(Self.redeliveredColour)" stroke-width="2""# + (hatched ? #" stroke-dasharray="4 2""# : "")
        } else if hatched {
            stroke = ##" stroke="#444C56" stroke-width="1" stroke-dasharray="4 2""##
        } else {
            // A hairline of background keeps back-to-back bars apart.
            stroke = ##" stroke="#FFFFFF" stroke-width="0.75""##
        }
        let classes = ["bar", Self.cssClass(message.outcome.rawValue)] + (message.redelivered ? ["redelivered"] : []) + (bar.open ? ["open"] : [])
        var drawn = #"<rect class="\#(classes.joined(separator: " "))" x="\#(Self.n(bar.x0))" y="\#(Self.n(y))" width="\#(Self.n(bar.x1 - bar.x0))" height="\#(Self.n(Self.rowHeight))" rx="2" fill="\#(fill)"\#(stroke)><title>\#(HTMLEscaping.text(tooltip(bar)))</title></rect>"#
        if message.redelivered {
            let middle = y + Self.rowHeight / 2
            drawn += "\n" + ##"<path class="redelivered-marker" d="M\##(Self.n(bar.x0)) \##(Self.n(middle - 6))l6 6l-6 6l-6 -6Z" fill="\##(Self.redeliveredColour)" stroke="#FFFFFF" stroke-width="1"/>"##
        }
        return drawn
    }

    func tooltip(_ bar: TimelineLane.Bar) -> String {
        let message = bar.message
        let end = message.end.map { "ended at +\(String(format: "%.3f", result.offset(of: $0))) s" } ?? "never finished"
        return "\(message.id)\nworker: \(message.worker)\nstarted at +\(String(format: "%.3f", result.offset(of: message.start))) s, \(end)\n"
            + "outcome: \(message.outcome.rawValue)\(message.redelivered ? ", redelivered" : "")"
    }

    func drawFault(_ label: TimelineFaultLabels.Placed, top: Double, bottom: Double) -> [String] {
        let event = label.event
        let x = Self.n(label.x)
        let rowTop = 4 + Double(label.row) * Self.faultRowHeight
        var tooltip = "\(label.text.split(separator: " ").first ?? "") at +\(String(format: "%.3f", label.offset)) s: \(event.fault)"
            + " (the command took \(String(format: "%.3f", event.took.seconds)) s)\n\(event.fault.commandLine)"
        if let error = event.error { tooltip += "\nfailed: \(error)" }
        var lines = [#"<g class="fault\#(event.error == nil ? "" : " failed")"><title>\#(HTMLEscaping.text(tooltip))</title>"#]
        if label.returnedX - label.x >= 1 {
            lines.append(#"<path d="M\#(x) \#(Self.n(top))H\#(Self.n(label.returnedX))V\#(Self.n(bottom))H\#(x)Z" fill="\#(Self.faultColour)" fill-opacity="0.12"/>"#)
        }
        lines.append(#"<path class="fault-line" d="M\#(x) \#(Self.n(rowTop + 1))V\#(Self.n(bottom))" stroke="\#(Self.faultColour)" stroke-width="1.5"\#(event.error == nil ? "" : #" stroke-dasharray="2 3""#)/>"#)
        let textX = Self.n(label.leftOfLine ? label.x - 3 : label.x + 3)
        lines.append(#"<text x="\#(textX)" y="\#(Self.n(rowTop + Self.faultRowHeight - 4))"\#(label.leftOfLine ? #" text-anchor="end""# : "") font-weight="600" fill="\#(Self.faultColour)">\#(HTMLEscaping.text(label.text))</text>"#)
        lines.append("</g>")
        return lines
    }

    /// An outcome as a class name: lowercase letters, digits and dashes only.
    static func cssClass(_ outcome: String) -> String {
        let kept = outcome.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" }
        let name = String(kept)
        return name.isEmpty ? "outcome-none" : "outcome-\(name)"
    }
}
