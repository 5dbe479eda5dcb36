extension History {
    /// Adds what worker output lines say, read through the patterns of `evidence`: a line
    /// matching `donePattern` is a processing, `rejectedPattern` a rejection, `receivedPattern`
    /// a delivery (tried in that order; the first match wins), all from
    /// ``HistoryOperation/Source/workerStdout`` at the line's Docker timestamp. Each worker's
    /// lines must be in the order it wrote them.
    ///
    /// The worker is the pattern's `worker` group when it has one, else the line's service
    /// (with `#n` for instances after the first, as ``ServiceTarget`` writes them). A
    /// `redelivered` group reading `true` (any case) marks a redelivery. The `token` capture
    /// is trimmed of punctuation around it (`CapturedToken`).
    ///
    /// `donePattern` and `rejectedPattern` may have no `token` group (the tutorial's
    /// ` [x] Done`): such a line is about that worker's oldest delivered message it has not
    /// yet closed, as a pika callback handles one message at a time. One with no message open
    /// is noted as a gap, not guessed; so are lines that match but carry no timestamp (they
    /// still open and close deliveries, so the lines after them pair up).
    ///
    /// A closing line closes only what the same run of the container opened (``LogLine/run``):
    /// a restarted worker has forgotten the messages it had not finished, which stay delivered
    /// and never processed.
    ///
    /// - Throws: ``WorkerPatternError`` if a pattern is not a regular expression or
    ///   `receivedPattern` has no `token` group; nothing is added then.
    public mutating func ingest(_ lines: [LogLine], evidence: WorkerEvidence) throws(WorkerPatternError) {
        let readers = try [
            LineReader(field: "donePattern", pattern: evidence.donePattern, kind: .processed, requiresToken: false),
            LineReader(field: "rejectedPattern", pattern: evidence.rejectedPattern, kind: .rejected, requiresToken: false),
            LineReader(field: "receivedPattern", pattern: evidence.receivedPattern, kind: .delivered, requiresToken: true),
        ].compactMap { $0 }
        var open: [ContainerLifetime: OpenDeliveries<Void>] = [:]
        var untimed: [String: Int] = [:]
        var unopened: [String: Int] = [:]
        for line in lines {
            guard let (reader, match) = readers.lazy.compactMap({ reader in reader.match(line.text).map { (reader, $0) } }).first else {
                continue
            }
            let worker = match.worker ?? (line.index > 1 ? "\(line.service)#\(line.index)" : line.service)
            let lifetime = ContainerLifetime(worker: worker, run: line.run)
            let messageID: String
            if let token = match.token {
                if reader.kind == .delivered {
                    open[lifetime, default: OpenDeliveries()].open(token, ())
                } else {
                    _ = open[lifetime]?.close(token: token)
                }
                messageID = token
            } else if let oldest = open[lifetime]?.closeOldest() {
                messageID = oldest.token
            } else {
                unopened[worker, default: 0] += 1
                continue
            }
            guard let time = line.timestamp else {
                untimed[worker, default: 0] += 1
                continue
            }
            record(
                HistoryOperation(reader.kind, messageID: messageID, worker: worker, time: time, source: .workerStdout, redelivered: match.redelivered, detail: line.text)
            )
        }
        for (worker, count) in untimed.sorted(by: { $0.key < $1.key }) {
            let lines = count == 1 ? "1 line" : "\(count) lines"
            noteGap("\(lines) of \(worker)'s output matched a worker pattern but had no timestamp; they were left out.")
        }
        for (worker, count) in unopened.sorted(by: { $0.key < $1.key }) {
            let lines = count == 1 ? "1 line" : "\(count) lines"
            noteGap("\(lines) of \(worker)'s output closed a message without naming it while the worker had none open; they were left out.")
        }
    }
}

/// One compiled worker pattern and the operation its matches mean.
private struct LineReader {
    struct Match {
        /// `nil` for a pattern without a `token` group.
        var token: String?
        var worker: String?
        var redelivered: Bool
    }

    var regex: Regex<AnyRegexOutput>
    var kind: HistoryOperation.Kind
    var hasToken: Bool

    /// `nil` when the pattern is absent: that source simply does not say this.
    init?(field: String, pattern: String?, kind: HistoryOperation.Kind, requiresToken: Bool) throws(WorkerPatternError) {
        guard let pattern else { return nil }
        do {
            regex = try Regex(pattern)
        } catch {
            throw WorkerPatternError(field: field, pattern: pattern, code: .invalid(problem: String(describing: error)))
        }
        hasToken = regex.contains(captureNamed: "token")
        guard hasToken || !requiresToken else {
            throw WorkerPatternError(field: field, pattern: pattern, code: .missingTokenGroup)
        }
        self.kind = kind
    }

    func match(_ text: String) -> Match? {
        guard let match = try? regex.firstMatch(in: text) else { return nil }
        var token: String?
        if hasToken {
            guard let captured = match.output["token"]?.substring, let normalized = CapturedToken.normalized(captured) else { return nil }
            token = normalized
        }
        return Match(
            token: token,
            worker: match.output["worker"]?.substring.map(String.init),
            redelivered: match.output["redelivered"]?.substring?.lowercased() == "true"
        )
    }
}
