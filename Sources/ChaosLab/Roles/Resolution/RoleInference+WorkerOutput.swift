/// How a worker shows that it finished or turned away a message, read from its code. The
/// checks judge deliveries from the broker; these lines corroborate them, and dead-letter's
/// rejection part counts the messages after a poison one by them.
extension RoleInference {
    /// The lines a worker prints just before acknowledging (the tutorial's ` [x] Done`) and
    /// before rejecting, as patterns without a token: each closes that worker's oldest open
    /// message. Several such lines give the start they share.
    func inferWorkerOutput(_ table: inout RoleTable) {
        let scans = workers(table).compactMap { self.scans[$0.name] }
        let kinds: [(RoleField, KeyPath<BuildContextScan, [SourceClue]>, String)] = [
            (.donePattern, \.donePrints, "acknowledging"),
            (.rejectedPattern, \.rejectPrints, "rejecting"),
        ]
        for (field, prints, action) in kinds {
            guard let clues = scans.lazy.map({ $0[keyPath: prints] }).first(where: { !$0.isEmpty }),
                  let pattern = SourcePatterns.pattern(commonTo: clues.map(\.value)) else { continue }
            let places = clues.map(\.place).joined(separator: ", ")
            table.fill(field, text: pattern, .guessed("the line printed before \(action) a message in \(places)"))
        }
    }
}
