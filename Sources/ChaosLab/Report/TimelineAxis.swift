import Foundation

/// The time axis of a timeline: seconds since the check started, mapped onto the plot's
/// horizontal extent, with round-numbered ticks.
///
/// The axis starts a little before the first thing drawn, not at the check's start: a check
/// that spends seconds preparing before its first message would otherwise leave that much
/// blank width. A short lead (under ``keptLead`` of the axis) is kept, so the axis starts at 0
/// whenever that costs little room.
struct TimelineAxis: Hashable {
    /// The room left before the first thing drawn, as a share of what is drawn.
    static let pad = 0.03
    /// The largest lead before the first thing drawn, as a share of the axis, that is kept.
    static let keptLead = 0.15

    /// The earliest second shown: just before the first thing drawn, or 0.
    let lower: Double
    /// The latest second shown.
    let upper: Double
    /// Where `lower` is drawn.
    let left: Double
    /// Where `upper` is drawn.
    let right: Double

    /// An axis covering every time in `times` and reaching at least `end`, drawn from `left`
    /// to `right`.
    init(covering times: [Double], atLeast end: Double, left: Double, right: Double) {
        let finite = times.filter(\.isFinite)
        let first = finite.min() ?? 0
        var upper = max(end.isFinite ? end : 0, finite.max() ?? 0)
        var lower = first - (upper - first) * Self.pad
        if first >= 0 && lower < upper * Self.keptLead { lower = 0 }
        if upper - lower < 0.001 { upper = lower + 1 }
        self.lower = lower
        self.upper = upper
        self.left = left
        self.right = right
    }

    /// Where second `t` is drawn.
    func x(_ t: Double) -> Double {
        left + (t - lower) / (upper - lower) * (right - left)
    }

    /// Round seconds to label: about `target` of them, 1, 2 or 5 times a power of ten apart.
    func ticks(target: Int = 8) -> [Double] {
        let step = Self.step(for: (upper - lower) / Double(max(target, 1)))
        let first = (lower / step).rounded(.up)
        var ticks: [Double] = []
        var index = 0.0
        while (first + index) * step <= upper + step * 1e-9 {
            // Multiplying, not adding, and rounding to the nanosecond keep 0.1 × 3 at 0.3.
            ticks.append(((first + index) * step * 1e9).rounded() / 1e9)
            index += 1
        }
        return ticks
    }

    /// The smallest of 1, 2, 5 × 10ⁿ not below `raw`.
    static func step(for raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude > raw { magnitude /= 10 }
        while magnitude * 10 <= raw { magnitude *= 10 }
        for factor in [1.0, 2, 5, 10] where magnitude * factor >= raw {
            return magnitude * factor
        }
        return magnitude * 10
    }

    /// A tick's label: as few decimals as the step needs.
    static func label(_ seconds: Double) -> String {
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        if (seconds * 10) == (seconds * 10).rounded() { return String(format: "%.1f s", seconds) }
        return String(format: "%.2f s", seconds)
    }
}
