extension HistoryAnalysis {
    /// How many findings of one kind the summary spells out before "and N more".
    static let listedFindings = 5

    /// The analysis in full sentences, most serious first, for a check's reason and a report:
    /// e.g. "1 of 20 acknowledged messages was lost: m-17 was delivered to worker2 and never
    /// processed. worker1 processed 10 messages and worker2 processed 9."
    public var summary: String {
        var sentences = [handlingSentence]
        if !mishandled.isEmpty {
            sentences.append("\(Self.counted(mishandled.count, "message")) \(mishandled.count == 1 ? "was" : "were") mishandled: \(Self.listed(mishandled.map(\.explanation))).")
        }
        if !unexpected.isEmpty {
            sentences.append("\(Self.counted(unexpected.count, "unexpected message")) appeared: \(Self.listed(unexpected.map(\.explanation))).")
        }
        if !duplicated.isEmpty {
            let verdict = policy.allowDuplicates ? "at-least-once delivery allows this" : "the policy forbids this"
            sentences.append(
                "\(Self.counted(duplicated.count, "message")) \(duplicated.count == 1 ? "was" : "were") processed more than once: \(Self.listed(duplicated.map(\.description))); \(verdict)."
            )
        }
        if !redelivered.isEmpty {
            sentences.append("\(Self.counted(redelivered.count, "message")) \(redelivered.count == 1 ? "was" : "were") redelivered: \(Self.listed(redelivered.map(\.description))).")
        }
        if !indeterminate.isEmpty {
            sentences.append(
                "\(Self.counted(indeterminate.count, "message")) \(indeterminate.count == 1 ? "is" : "are") indeterminate because the publish got no definite answer (no answer, or a server error) and never showed up: \(Self.listed(indeterminate))."
            )
        }
        if !recovered.isEmpty {
            sentences.append(
                "\(Self.counted(recovered.count, "message")) without a definite answer \(recovered.count == 1 ? "was" : "were") processed anyway (the broker had kept \(recovered.count == 1 ? "it" : "them")): \(Self.listed(recovered))."
            )
        }
        if !processedByWorker.isEmpty {
            let parts = processedByWorker.sorted { $0.key < $1.key }.map { "\($0.key) processed \(Self.counted($0.value, "message"))" }
            // Worker names are identifiers, so the sentence keeps their case.
            sentences.append(Self.joinedInProse(parts) + ".")
        }
        if let latency, latency.minimum == latency.maximum {
            sentences.append("Acknowledged messages were processed \(latency.minimum.secondsText) after their publish was sent.")
        } else if let latency {
            sentences.append(
                "Acknowledged messages were processed \(latency.minimum.secondsText) to \(latency.maximum.secondsText) after their publish was sent (median \(latency.median.secondsText))."
            )
        }
        sentences += gaps
        return sentences.joined(separator: " ")
    }

    private var handlingSentence: String {
        if acknowledged == 0 {
            return "No publish was acknowledged, so no message had to be handled."
        }
        guard lost.isEmpty else {
            return "\(lost.count) of \(Self.counted(acknowledged, "acknowledged message")) \(lost.count == 1 ? "was" : "were") lost: \(Self.listed(lost.map(\.explanation)))."
        }
        guard mishandled.isEmpty else {
            let handled = processed + deadLettered
            return "\(handled) of \(Self.counted(acknowledged, "acknowledged message")) \(handled == 1 ? "was" : "were") handled as expected."
        }
        let all = acknowledged == 1 ? "The acknowledged message" : "All \(acknowledged) acknowledged messages"
        if deadLettered == 0 {
            return "\(all) \(acknowledged == 1 ? "was" : "were") processed."
        }
        if processed == 0 {
            return "\(all) \(acknowledged == 1 ? "was" : "were") dead-lettered."
        }
        return "\(all) were handled: \(processed) processed and \(deadLettered) dead-lettered."
    }

    /// "1 message", "3 messages".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Items separated by semicolons, the first few only.
    static func listed(_ items: [String]) -> String {
        guard items.count > listedFindings else { return items.joined(separator: "; ") }
        return items.prefix(listedFindings).joined(separator: "; ") + "; and \(items.count - listedFindings) more"
    }

    /// "a", "a and b", "a, b and c".
    static func joinedInProse(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }
}
