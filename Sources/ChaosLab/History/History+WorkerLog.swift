extension History {
    /// Adds what a worker record file says: each ``WorkerRecord`` becomes a delivery at its
    /// `started_at` and its outcome (processed, rejected or requeued) at its `finished_at`,
    /// both from ``HistoryOperation/Source/workerLog``.
    ///
    /// Torn or foreign lines, and records whose times cannot be read, are noted as gaps rather
    /// than failing: the other sources may still say what happened to those messages. A record
    /// with only one readable time uses it for both operations.
    ///
    /// - Parameters:
    ///   - log: The parsed file.
    ///   - name: How gap sentences name the file, e.g. `worker1:/data/messages.log`.
    public mutating func ingest(_ log: WorkerLog, name: String = "messages.log") {
        if !log.unreadableLines.isEmpty {
            let lines = log.unreadableLines.map(String.init).joined(separator: ", ")
            let noun = log.unreadableLines.count == 1 ? "line" : "lines"
            noteGap("\(name) \(noun) \(lines) could not be read as records (torn by a killed worker, or not JSON).")
        }
        for record in log.records {
            let started = DockerTimestamp.parse(record.startedAt)
            let finished = DockerTimestamp.parse(record.finishedAt)
            guard let start = started ?? finished, let end = finished ?? started else {
                noteGap(
                    "\(name) has a record of \(record.id) by \(record.worker) with unreadable times "
                        + "(started_at \"\(record.startedAt)\", finished_at \"\(record.finishedAt)\"); it was left out."
                )
                continue
            }
            recordDelivered(record.id, to: record.worker, redelivered: record.redelivered, at: start, source: .workerLog)
            let outcome: HistoryOperation.Kind =
                switch record.outcome {
                case .acked: .processed
                case .rejected: .rejected
                case .requeued: .requeued
                }
            self.record(HistoryOperation(outcome, messageID: record.id, worker: record.worker, time: end, source: .workerLog, redelivered: record.redelivered))
        }
    }
}
