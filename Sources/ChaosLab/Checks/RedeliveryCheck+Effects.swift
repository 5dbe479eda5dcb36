import Foundation

extension RedeliveryCheck {
    /// Adds the effect file's account to `outcome`: every message the broker saw acknowledged
    /// must have its line in the file. One missing is a loss the broker cannot see (the worker
    /// acknowledged before its write was safe, and the SIGKILL took the write); one written
    /// twice is at-least-once delivery at work, said but not failed.
    static func judgeEffects(_ effects: EffectFileReading, of deliveries: [MessageTrace], worker: String, killAt: Date, after outcome: CheckOutcome) -> CheckOutcome {
        var judged = outcome
        var acknowledged: [String] = []
        for delivery in deliveries where delivery.outcome == .acked && !acknowledged.contains(delivery.id) {
            acknowledged.append(delivery.id)
        }
        if effects.counts.isEmpty, let (who, why) = effects.unreadable.sorted(by: { $0.key < $1.key }).first {
            return judged.noting("\(effects.path) could not be read from \(who) (\(why.prefix(160))), so what the workers wrote was not checked.")
        }
        guard !acknowledged.isEmpty else { return judged }
        let missing = acknowledged.filter { effects.count($0) == 0 }
        let twice = acknowledged.filter { effects.count($0) >= 2 }
        judged.figures += [
            Figure("effect.written", "acknowledged messages with their line in \(effects.path)", Double(acknowledged.count - missing.count), unit: "messages"),
            Figure("effect.missing", "acknowledged messages missing from \(effects.path)", Double(missing.count), unit: "messages"),
            Figure("effect.twice", "acknowledged messages written to \(effects.path) more than once", Double(twice.count), unit: "messages"),
        ]
        judged.evidence.append(Evidence(source: "stack", title: "\(effects.path) in the workers' containers after the burst", lines:
            ["\(acknowledged.count - missing.count) of the \(acknowledged.count) messages the broker saw acknowledged have their line; \(missing.count) missing; \(twice.count) written more than once"]
            + missing.prefix(10).map { "\($0): acknowledged, no line" }
            + twice.prefix(5).map { "\($0): \(effects.count($0)) lines" }
            + effects.unreadable.sorted(by: { $0.key < $1.key }).map { "\($0.key): could not be read (\($0.value.prefix(160)))" }))
        if !missing.isEmpty {
            // Acknowledged before the kill: lost with it. Since: still unwritten when read, so
            // a crash now would lose them too.
            let ackedAt = { (token: String) in deliveries.last { $0.id == token && $0.outcome == .acked }?.start ?? .distantFuture }
            let lostInKill = missing.filter { ackedAt($0) <= killAt }
            let unwritten = missing.filter { ackedAt($0) > killAt }
            var parts: [String] = []
            if let first = lostInKill.first {
                parts.append("\(lostInKill.count) acknowledged by \(worker) before its SIGKILL and lost with it (e.g. \(first))")
            }
            if let first = unwritten.first {
                parts.append("\(unwritten.count) acknowledged since and still not written when the lab read the file (e.g. \(first))")
            }
            let sentence = "\(missing.count) of the \(acknowledged.count) messages the broker saw acknowledged are not in \(effects.path): \(parts.joined(separator: ", ")). \(worker) acknowledges before a message's line is safely written (a buffered file not flushed before the ack), so a crash loses work the broker will never deliver again: write, flush and fsync, then acknowledge."
            if judged.verdict == .fail {
                judged.reason += " " + sentence
            } else {
                judged.verdict = .fail
                judged.reason = sentence + " " + judged.reason
            }
            return judged
        }
        if let first = twice.first {
            return judged.noting("\(twice.count) acknowledged messages have more than one line in \(effects.path) (e.g. \(first): \(effects.count(first))): delivered again after the kill once their line was written, which acknowledging after the work allows; skip messages already written to avoid it.")
        }
        return judged.noting("Each of the \(acknowledged.count) acknowledged messages has exactly one line in \(effects.path).")
    }
}
