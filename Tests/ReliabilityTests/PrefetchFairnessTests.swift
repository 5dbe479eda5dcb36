import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("prefetch-fairness")
    struct PrefetchFairnessTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            try await LiveStack.ensure()
            let result = try await expectPass(PrefetchFairnessCheck())
            let most = result.figures.filter { $0.key.hasPrefix("max.unacked.") }.map(\.value).max()
            #expect(most == 1, "\(result.explanation)")
        }

        @Test("fails with prefetch 0 (prefetch-unlimited)", .timeLimit(.minutes(5)))
        func prefetchUnlimited() async throws {
            try await LiveStack.ensure([.prefetchUnlimited])
            try await expectFail(PrefetchFairnessCheck(), reasonContains: [
                "Prefetch=1 is not enforced", "while it was busy with prefetch-fairness-", "no prefetch limit (basic.qos prefetch_count 0)",
            ])
        }
    }
}
