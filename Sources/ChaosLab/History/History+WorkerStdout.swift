extension History {
    /// Adds what worker output lines say, read through the patterns of `evidence`: a line
    /// matching `donePattern` is a processing, `rejectedPattern` a rejection, `receivedPattern`
    /// a delivery (tried in that order; the first match wins), all from
    /// ``HistoryOperation/Source/workerStdout`` at the line's Docker timestamp.
    ///
    /// The worker is the pattern's `worker` group when it has one, else the line's service
    /// (with `#n` for instances after the first, as ``ServiceTarget`` writes them). A
    /// `redelivered` group reading `true` (any case) marks a redelivery. Lines that match but
    /// carry no timestamp are noted as a gap, not guessed.
    ///
    /// - Throws: ``WorkerPatternError`` if a pattern is not a regular expression or has no
    ///   `token` group; nothing is added then.
    public mutating func ingest(_ lines: [LogLine], evidence: WorkerEvidence) throws(WorkerPatternError) {
        let readers = try [
            LineReader(field: "donePattern", pattern: evidence.donePattern, kind: .processed),
            LineReader(field: "rejectedPattern", pattern: evidence.rejectedPattern, kind: .rejected),
            LineReader(field: "receivedPattern", pattern: evidence.receivedPattern, kind: .delivered),
        ].compactMap { $0 }
        var untimed: [String: Int] = [:]
        for line in lines {
            guard let (reader, match) = readers.lazy.compactMap({ reader in reader.match(line.text).map { (reader, $0) } }).first else {
                continue
            }
            let worker = match.worker ?? (line.index > 1 ? "\(line.service)#\(line.index)" : line.service)
            guard let time = line.timestamp else {
                untimed[worker, default: 0] += 1
                continue
            }
            record(
                HistoryOperation(reader.kind, messageID: match.token, worker: worker, time: time, source: .workerStdout, redelivered: match.redelivered, detail: line.text)
            )
        }
        for (worker, count) in untimed.sorted(by: { $0.key < $1.key }) {
            let lines = count == 1 ? "1 line" : "\(count) lines"
            noteGap("\(lines) of \(worker)'s output matched a worker pattern but had no timestamp; they were left out.")
        }
    }
}

/// One compiled worker pattern and the operation its matches mean.
private struct LineReader {
    struct Match {
        var token: String
        var worker: String?
        var redelivered: Bool
    }

    var regex: Regex<AnyRegexOutput>
    var kind: HistoryOperation.Kind

    /// `nil` when the pattern is absent: that source simply does not say this.
    init?(field: String, pattern: String?, kind: HistoryOperation.Kind) throws(WorkerPatternError) {
        guard let pattern else { return nil }
        do {
            regex = try Regex(pattern)
        } catch {
            throw WorkerPatternError(field: field, pattern: pattern, code: .invalid(problem: String(describing: error)))
        }
        guard regex.contains(captureNamed: "token") else {
            throw WorkerPatternError(field: field, pattern: pattern, code: .missingTokenGroup)
        }
        self.kind = kind
    }

    func match(_ text: String) -> Match? {
        guard let match = try? regex.firstMatch(in: text), let token = match.output["token"]?.substring, !token.isEmpty else {
            return nil
        }
        return Match(
            token: String(token),
            worker: match.output["worker"]?.substring.map(String.init),
            redelivered: match.output["redelivered"]?.substring?.lowercased() == "true"
        )
    }
}
