import Foundation

/// Judges a ``History`` the way Jepsen judges a queue: every message whose publish was
/// acknowledged must be handled (processed, or dead-lettered where the ``HistoryPolicy`` says
/// so); nothing may appear that the lab did not publish; duplicates and redeliveries are
/// counted.
///
/// A message whose publish got no definite answer (none, or a server error) is *indeterminate*:
/// never lost, because the lab cannot know whether the broker took it; if it shows up anyway,
/// it is *recovered*.
public struct HistoryChecker: Sendable, Codable, Hashable {
    /// What counts as correct handling.
    public var policy: HistoryPolicy

    public init(policy: HistoryPolicy = .atLeastOnce) {
        self.policy = policy
    }

    /// Analyses `history`. A history that says nothing is not an error: the analysis then
    /// reports zero acknowledged messages.
    public func check(_ history: History) -> HistoryAnalysis {
        var analysis = HistoryAnalysis(policy: policy, acknowledged: 0, processed: 0, deadLettered: 0, gaps: history.gaps)
        var latencies: [Duration] = []
        for timeline in Self.timelines(of: history, counting: &analysis.processedByWorker) {
            let id = timeline.id
            if let acknowledgement = timeline.first(.publishAcknowledged) {
                analysis.acknowledged += 1
                judgeExpected(timeline, into: &analysis)
                // From the send of the request that was acknowledged, not from its answer: an
                // API may answer after a worker already finished the message.
                if let processing = timeline.first(.processed),
                   let send = timeline.all(.publishAttempted).last(where: { $0.time <= acknowledgement.time }) {
                    latencies.append(.milliseconds(Int64((processing.time.timeIntervalSince(send.time) * 1000).rounded())))
                }
            } else if let failure = timeline.last(.publishFailed), !policy.failedPublishesMayAppear, timeline.wasHandledByWorkers {
                analysis.unexpected.append(timeline.unexpectedFinding(because: "although its publish failed (\(failure.detail))"))
            } else if timeline.first(.publishAttempted) != nil || timeline.first(.publishFailed) != nil {
                if timeline.wasHandledByWorkers {
                    analysis.recovered.append(id)
                } else {
                    analysis.indeterminate.append(id)
                }
            } else {
                analysis.unexpected.append(timeline.unexpectedFinding(because: "although the lab never published it"))
            }
            let isUnexpected = analysis.unexpected.last?.id == id
            let processings = timeline.all(.processed)
            if processings.count > 1, !isUnexpected {
                analysis.duplicated.append(DuplicatedMessage(id: id, count: processings.count, workers: processings.compactMap(\.worker)))
            }
            if !isUnexpected, let redelivery = timeline.redelivery {
                analysis.redelivered.append(redelivery)
            }
        }
        analysis.latency = LatencyStatistics(latencies)
        return analysis
    }

    /// Each message's operations, messages in the order the history first mentions them (so
    /// findings read like the run), in one pass that also counts each worker's processings.
    private static func timelines(of history: History, counting processedByWorker: inout [String: Int]) -> [MessageTimeline] {
        var positions: [String: Int] = [:]
        var timelines: [MessageTimeline] = []
        for operation in history.operations {
            let position = positions[operation.messageID, default: timelines.count]
            if position == timelines.count {
                positions[operation.messageID] = position
                timelines.append(MessageTimeline(id: operation.messageID, operations: []))
            }
            timelines[position].operations.append(operation)
            if operation.kind == .processed, let worker = operation.worker {
                processedByWorker[worker, default: 0] += 1
            }
        }
        return timelines
    }

    /// Counts an acknowledged message as handled, or records why it was not.
    private func judgeExpected(_ timeline: MessageTimeline, into analysis: inout HistoryAnalysis) {
        let wasProcessed = timeline.first(.processed) != nil
        let wasDeadLettered = timeline.first(.rejected) != nil
        if policy.expectedDeadLettered.contains(timeline.id) {
            if wasProcessed {
                analysis.mishandled.append(timeline.processedInsteadOfDeadLettered)
            } else if wasDeadLettered {
                analysis.deadLettered += 1
            } else {
                analysis.lost.append(timeline.lostFinding(missing: "dead-lettered"))
            }
        } else if wasProcessed {
            analysis.processed += 1
        } else if wasDeadLettered, policy.deadLetteredCountsAsHandled {
            analysis.deadLettered += 1
        } else {
            analysis.lost.append(timeline.lostFinding(missing: "processed"))
        }
    }
}
