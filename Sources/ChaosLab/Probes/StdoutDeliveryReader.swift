import Foundation

/// Reads one worker service's deliveries from its output lines through the roles' patterns:
/// a `received` line opens a delivery, a `done` or `rejected` line closes it (a line matching
/// a closing pattern is not read as received), and one never closed is `unfinished`. The
/// `token` capture is trimmed of punctuation around it (``CapturedToken``).
///
/// A closing pattern with a `token` group closes the delivery of that token. One without it
/// (the tutorial's ` [x] Done`) closes the oldest delivery still open in the same container
/// (``OpenDeliveries``); deliveries of every token are followed then, not only the lab's, so
/// that a `Done` after someone else's message does not close one of the lab's.
///
/// Only a line of the same run of the container (``LogLine/run``) closes a delivery: a worker
/// that restarted has forgotten what it was doing, so what it left open stays `unfinished`,
/// and the new run's `Done` is about the new run's message.
struct StdoutDeliveryReader {
    private struct Closing {
        var regex: Regex<AnyRegexOutput>
        var outcome: DeliveryOutcome
        var hasToken: Bool
    }

    private let received: Regex<AnyRegexOutput>
    private let closing: [Closing]

    /// `nil` when the evidence has no `receivedPattern`: stdout then shows no delivery.
    /// - Throws: the regular expression's error when a pattern does not compile.
    init?(evidence: WorkerEvidence) throws {
        guard let receivedPattern = evidence.receivedPattern else { return nil }
        received = try Regex(receivedPattern)
        var closing: [Closing] = []
        for (pattern, outcome) in [(evidence.donePattern, DeliveryOutcome.acked), (evidence.rejectedPattern, .rejected)] {
            guard let pattern else { continue }
            let regex = try Regex(pattern)
            closing.append(Closing(regex: regex, outcome: outcome, hasToken: regex.contains(captureNamed: "token")))
        }
        self.closing = closing
    }

    /// Whether lines that do not name the lab's tokens matter: they do when a closing line may
    /// name no message at all.
    var readsEveryLine: Bool {
        closing.contains { !$0.hasToken }
    }

    /// The deliveries of messages whose token starts with `tokenPrefix` in `lines`, the output
    /// of `worker` (any of its instances) in the order it was written.
    func deliveries(of worker: String, in lines: [LogLine], tokenPrefix: String) -> [MessageTrace] {
        let everyLine = readsEveryLine
        var traces: [MessageTrace] = []
        var open: [ContainerLifetime: OpenDeliveries<Int>] = [:]
        for line in lines {
            // Most lines are not about the lab's messages; skip them before any regex runs,
            // unless a closing line may not name its message.
            guard everyLine || line.text.contains(tokenPrefix) else { continue }
            let time = line.timestamp ?? Date()
            let lifetime = ContainerLifetime(line)
            if let (token, outcome) = close(line.text) {
                let index: Int?
                if let token {
                    index = open[lifetime]?.close(token: token)
                } else {
                    index = open[lifetime]?.closeOldest()?.value
                }
                if let index {
                    traces[index].end = time
                    traces[index].outcome = outcome
                }
            } else if let match = try? received.firstMatch(in: line.text), let token = Self.token(in: match),
                      everyLine || token.hasPrefix(tokenPrefix) {
                let redelivered = Self.capture("redelivered", in: match)?.lowercased() == "true"
                open[lifetime, default: OpenDeliveries()].open(token, traces.count)
                traces.append(MessageTrace(id: token, worker: worker, start: time, end: nil, redelivered: redelivered, outcome: .unfinished))
            }
        }
        return traces.filter { $0.id.hasPrefix(tokenPrefix) }
    }

    /// The token (`nil` for a pattern without one) and outcome a closing line gives.
    private func close(_ text: String) -> (String?, DeliveryOutcome)? {
        for pattern in closing {
            guard let match = try? pattern.regex.firstMatch(in: text) else { continue }
            guard pattern.hasToken else { return (nil, pattern.outcome) }
            if let token = Self.token(in: match) {
                return (token, pattern.outcome)
            }
        }
        return nil
    }

    static func capture(_ name: String, in match: Regex<AnyRegexOutput>.Match) -> String? {
        match.output[name]?.substring.map(String.init)
    }

    /// The `token` group's capture, trimmed by ``CapturedToken``; `nil` when nothing is left.
    static func token(in match: Regex<AnyRegexOutput>.Match) -> String? {
        match.output["token"]?.substring.flatMap(CapturedToken.normalized)
    }
}
