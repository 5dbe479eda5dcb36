import Foundation

extension CheckContext {
    /// The workers' effect file read from each worker's container (stopped or not), counting
    /// the lines that name tokens with `prefix`; `nil` when the stack names no effect file.
    /// Workers whose files are the same bytes (one volume shared by several) count once.
    public func effectFile(prefix: String) async -> EffectFileReading? {
        guard let path = roles.workerEvidence.effectFile else { return nil }
        var reading = EffectFileReading(path: path, counts: [:])
        var seen: Set<[UInt8]> = []
        for worker in roles.workers {
            do {
                let bytes = try await stack.readFile(path, from: ServiceTarget(worker: worker))
                guard seen.insert(bytes).inserted else { continue }
                reading.add(String(decoding: bytes, as: UTF8.self), prefix: prefix)
            } catch {
                reading.unreadable[worker] = "\(error)"
            }
        }
        return reading
    }
}
