import ChaosLab
import Foundation

/// The verdict engine as the checks drive it, stage by stage: the ledger settles the broker's
/// deliveries, the work queue's deliveries of the run become traces, the traces and the lab's
/// publishes become a history, and the checker judges it.
struct VerdictPipeline {
    /// One stage of the engine.
    enum Stage: String, CaseIterable {
        case ledger
        case traces
        case history
        case check
        /// A soak's checker on the same input: ``SoakAccounting`` (history and check inside).
        /// Not in the total, which is the checks' path.
        case soak
    }

    /// What one pass produced.
    struct Output {
        var deliveries: [BrokerDelivery]
        var traces: [MessageTrace]
        var history: History
        var analysis: HistoryAnalysis
        var soak: SoakAccounting.Result
    }

    let run: SyntheticRun

    /// Runs every stage once, timing each and the whole.
    func measure() -> (durations: [Stage: Duration], total: Duration, output: Output) {
        let clock = ContinuousClock()
        let start = clock.now
        let deliveries = DeliveryLedger(events: run.events, consumers: run.consumers, drains: run.drains, names: run.names).deliveries
        let ledgerDone = clock.now
        // As BrokerObserver.traces(tokenPrefix:queue:since:) hands them to a check.
        let prefix = run.tokenPrefix
        let queue = run.queue
        let traces = deliveries.filter { $0.queue == queue && ($0.token?.hasPrefix(prefix) ?? false) }.compactMap(\.trace)
        let tracesDone = clock.now
        let history = History(attempts: run.attempts, deliveries: traces)
        let historyDone = clock.now
        let analysis = HistoryChecker(policy: run.policy).check(history)
        let end = clock.now
        let soak = SoakAccounting(
            attempts: run.attempts, deliveries: traces, workerOutput: nil, gaps: [], windows: [],
            origin: run.attempts.first?.at ?? .distantPast
        ).account()
        let soakDone = clock.now
        let durations: [Stage: Duration] = [
            .ledger: ledgerDone - start,
            .traces: tracesDone - ledgerDone,
            .history: historyDone - tracesDone,
            .check: end - historyDone,
            .soak: soakDone - end,
        ]
        return (durations, end - start, Output(deliveries: deliveries, traces: traces, history: history, analysis: analysis, soak: soak))
    }
}
