import Foundation

/// Reads a JSON-lines log of ``WorkerRecord``s.
///
/// A worker killed mid-write can leave a torn last line; such lines are counted, not fatal,
/// because the broker and the other sources still say what happened to that message.
public struct WorkerLog: Sendable, Hashable {
    /// The records, in file order.
    public var records: [WorkerRecord]
    /// Lines that were not a record (torn or foreign), with their 1-based line numbers.
    public var unreadableLines: [Int]

    /// Parses `bytes`, one JSON object per line; blank lines are skipped.
    public init(parsing bytes: [UInt8]) {
        let decoder = JSONDecoder()
        var records: [WorkerRecord] = []
        var unreadable: [Int] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            if let record = try? decoder.decode(WorkerRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                unreadable.append(index + 1)
            }
        }
        self.records = records
        self.unreadableLines = unreadable
    }

    /// The records of one message id, in file order.
    public func records(for id: String) -> [WorkerRecord] {
        records.filter { $0.id == id }
    }
}
