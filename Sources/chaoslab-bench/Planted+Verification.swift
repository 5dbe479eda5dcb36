import ChaosLab

extension SyntheticRun.Planted {
    /// Where `output` differs from what was planted, one sentence each; empty when the engine
    /// found exactly what it should.
    func mismatches(in output: VerdictPipeline.Output) -> [String] {
        let analysis = output.analysis
        var found: [String] = []
        func expect<Value: Equatable>(_ what: String, _ actual: Value, _ expected: Value) {
            if actual != expected {
                found.append("\(what): expected \(expected), got \(actual).")
            }
        }
        func expectSame(_ what: String, _ actual: some Sequence<String>, _ expected: Set<String>) {
            let listed = Array(actual)
            let actual = Set(listed)
            // A message listed twice is as wrong as a missing one.
            guard actual != expected || listed.count != expected.count else { return }
            let differences = [("missing", expected.subtracting(actual)), ("not planted", actual.subtracting(expected))]
                .filter { !$0.1.isEmpty }
                .map { "\($0.0): \($0.1.sorted().prefix(5).joined(separator: ", "))\($0.1.count > 5 ? ", …" : "")" }
            found.append("\(what): expected \(expected.count), got \(listed.count) (\(differences.isEmpty ? "some listed more than once" : differences.joined(separator: "; "))).")
        }
        let settlements = Dictionary(grouping: output.deliveries, by: \.settlement).mapValues(\.count)
        expect("ledger deliveries", output.deliveries.count, deliveries)
        expect("deliveries gone with a killed consumer", settlements[.consumerGone, default: 0], consumerGone)
        expect("deliveries requeued", settlements[.requeued, default: 0], requeued)
        expect("deliveries auto-acked", settlements[.autoAck, default: 0], autoAcked)
        expect("deliveries dead-lettered", settlements[.deadLettered, default: 0], deadLettered.count)
        expect("deliveries never settled", settlements[Settlement.none, default: 0], unsettled)
        expect("traces", output.traces.count, traces)
        expect("acknowledged messages", analysis.acknowledged, acknowledged)
        expect("processed messages", analysis.processed, acknowledged - lost.count - deadLettered.count)
        expect("dead-lettered messages", analysis.deadLettered, deadLettered.count)
        expectSame("lost messages", analysis.lost.map(\.id), lost)
        expectSame("mishandled messages", analysis.mishandled.map(\.id), [])
        expectSame("unexpected messages", analysis.unexpected.map(\.id), unexpected)
        expectSame("duplicated messages", analysis.duplicated.map(\.id), duplicated)
        expectSame("messages processed more than twice", analysis.duplicated.filter { $0.count != 2 }.map(\.id), [])
        expectSame("redelivered messages", analysis.redelivered.map(\.id), redelivered)
        expectSame("indeterminate messages", analysis.indeterminate, indeterminate)
        expectSame("recovered messages", analysis.recovered, recovered)
        return found
    }
}
