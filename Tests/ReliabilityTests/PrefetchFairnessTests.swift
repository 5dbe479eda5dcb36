import ChaosLab
import Testing

extension LiveStackTests {
    @Suite("prefetch-fairness")
    struct PrefetchFairnessTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(PrefetchFairnessCheck())
            #expect(result.verdict == .pass, "\(result.summary)")
            let most = result.figures.filter { $0.key.hasPrefix("max.unacked.") }.map(\.value).max()
            #expect(most == 1, "\(result.summary)")
        }

        @Test("fails with prefetch 0 (prefetch-unlimited)", .timeLimit(.minutes(5)))
        func prefetchUnlimited() async throws {
            let result = try await LiveStack.run(PrefetchFairnessCheck(), knobs: [.prefetchUnlimited])
            #expect(result.verdict == .fail, "\(result.summary)")
            #expect(result.reason.contains("Prefetch=1 is not enforced"), "\(result.reason)")
            #expect(result.reason.contains("while it was busy with prefetch-fairness-"), "\(result.reason)")
            #expect(result.reason.contains("no prefetch limit (basic.qos prefetch_count 0)"), "\(result.reason)")
        }
    }
}
