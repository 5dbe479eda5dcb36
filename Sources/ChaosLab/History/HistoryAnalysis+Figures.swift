extension HistoryAnalysis {
    /// The analysis as report figures: message counts (plain numbers) under `messages.*`,
    /// processings per worker under `processed.<worker>`, and the publish-to-processing
    /// latency (from sending the acknowledged request) under `latency.*` when there is one.
    public var figures: [Figure] {
        var figures = [
            Figure("messages.acknowledged", "acknowledged messages", Double(acknowledged)),
            Figure("messages.processed", "acknowledged messages processed", Double(processed)),
            Figure("messages.dead-lettered", "acknowledged messages dead-lettered", Double(deadLettered)),
            Figure("messages.lost", "lost messages", Double(lost.count)),
            Figure("messages.mishandled", "mishandled messages", Double(mishandled.count)),
            Figure("messages.unexpected", "unexpected messages", Double(unexpected.count)),
            Figure("messages.duplicated", "messages processed more than once", Double(duplicated.count)),
            Figure("messages.redelivered", "redelivered messages", Double(redelivered.count)),
            Figure("messages.indeterminate", "indeterminate messages", Double(indeterminate.count)),
            Figure("messages.recovered", "messages without a definite answer that were processed anyway", Double(recovered.count)),
        ]
        for (worker, count) in processedByWorker.sorted(by: { $0.key < $1.key }) {
            figures.append(Figure("processed.\(worker)", "processed by \(worker)", Double(count)))
        }
        if let latency {
            figures.append(.seconds("latency.min", "publish to processing, minimum", latency.minimum))
            figures.append(.seconds("latency.median", "publish to processing, median", latency.median))
            figures.append(.seconds("latency.max", "publish to processing, maximum", latency.maximum))
        }
        return figures
    }
}
