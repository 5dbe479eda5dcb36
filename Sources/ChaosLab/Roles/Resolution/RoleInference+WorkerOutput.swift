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

    /// The file a worker appends to (`open("data/messages.log", "a")`), inside its container:
    /// a relative path from its Dockerfile's `WORKDIR`.
    func inferEffectFile(_ table: inout RoleTable) {
        for worker in workers(table) {
            guard let scan = scans[worker.name], let clue = scan.appendsTo, scan.consumes != nil else { continue }
            // A relative path is relative to the image's working directory, known only from
            // its Dockerfile (none: `/`).
            guard clue.value.hasPrefix("/") || scan.dockerfile != nil else { continue }
            let path = clue.value.hasPrefix("/") ? clue.value : ((scan.workdir ?? "") + "/" + clue.value).replacing("/./", with: "/")
            let base = clue.value.hasPrefix("/") ? "" : scan.workdir.map { ", from WORKDIR \($0) of \(scan.dockerfile ?? "its Dockerfile")" } ?? ", from /"
            table.fill(.effectFile, text: path, .guessed("the file \(worker.name) appends to in \(clue.place)\(base)"))
            return
        }
    }
}
