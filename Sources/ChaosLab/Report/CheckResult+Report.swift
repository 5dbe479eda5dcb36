import Foundation

extension CheckResult {
    /// Figure keys that count something gone wrong; when one of them is not zero it leads a
    /// summary row, whatever its place in ``figures``.
    static let problemFigureKeys: Set<String> = [
        "messages.lost", "messages.mishandled", "messages.unexpected", "messages.duplicated",
    ]

    /// The few figures a summary row shows: problems that were counted (see
    /// `problemFigureKeys`) first, then the check's own figures in order, up to `limit`.
    /// The HTML and Markdown reports both use this, so their summaries agree.
    public func keyFigures(limit: Int = 4) -> [Figure] {
        let problems = figures.filter { Self.problemFigureKeys.contains($0.key) && $0.value != 0 }
        let others = figures.filter { figure in !problems.contains { $0.key == figure.key } }
        return Array((problems + others).prefix(limit))
    }

    /// The time of `date` on this check's clock, in seconds since it started.
    func offset(of date: Date) -> Double {
        date.timeIntervalSince(startedAt)
    }
}
