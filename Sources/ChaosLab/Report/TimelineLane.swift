/// One worker's lane on a timeline: its messages packed into rows so that bars overlapping in
/// time (a prefetch above 1, a redelivery while an unfinished bar runs on) sit one above the
/// other instead of hiding each other.
struct TimelineLane {
    /// A message's bar, in drawing units.
    struct Bar {
        let message: MessageTrace
        let x0: Double
        let x1: Double
        let row: Int
        /// Whether the bar runs to the end of the axis because the message never finished.
        let open: Bool
    }

    /// Past this many rows, bars share rows and may overlap; the lane stays readable.
    static let maxRows = 6
    /// The narrowest bar drawn, so an instant message still shows.
    static let minimumWidth = 2.0

    let worker: String
    let bars: [Bar]
    let rows: Int

    /// Packs `messages` (all from `worker`) onto `axis`: each bar goes to the first row that is
    /// free at its start (a bar may begin where the last one ended), or, once ``maxRows`` are taken, to the row that frees up first.
    init(worker: String, messages: [MessageTrace], axis: TimelineAxis, offset: (MessageTrace) -> (start: Double, end: Double?)) {
        self.worker = worker
        var rowEnds: [Double] = []
        var bars: [Bar] = []
        let placed = messages
            .map { (message: $0, times: offset($0)) }
            .sorted { ($0.times.start, $0.message.id) < ($1.times.start, $1.message.id) }
        for (message, times) in placed {
            let x0 = axis.x(times.start)
            let x1 = max(times.end.map(axis.x) ?? axis.right, x0 + Self.minimumWidth)
            let row: Int
            if let free = rowEnds.firstIndex(where: { $0 <= x0 + 0.5 }) {
                row = free
            } else if rowEnds.count < Self.maxRows {
                row = rowEnds.count
                rowEnds.append(0)
            } else {
                row = rowEnds.indices.min { rowEnds[$0] < rowEnds[$1] } ?? 0
            }
            rowEnds[row] = x1
            bars.append(Bar(message: message, x0: x0, x1: x1, row: row, open: times.end == nil))
        }
        self.bars = bars
        self.rows = max(rowEnds.count, 1)
    }
}
