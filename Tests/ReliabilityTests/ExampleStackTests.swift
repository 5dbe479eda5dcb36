import ChaosLab
import Testing

extension LiveStackTests {
    /// The two example student stacks, graded like a student's repository: the good one passes
    /// every check, the faulty one fails exactly the checks its mistakes break.
    @Suite("example student stacks")
    struct ExampleStackTests {
        @Test("student-good passes every check", .timeLimit(.minutes(15)))
        func good() async throws {
            let results = try await ExampleStack.runAllChecks("student-good")
            #expect(results.count == CheckCatalogue.names.count, "\(results.keys.sorted())")
            for name in CheckCatalogue.names {
                let result = try #require(results[name], "no result for \(name)")
                #expect(result.verdict == .pass, "\(result.summary)")
            }
        }

        /// What each of the faulty stack's mistakes must cost it, and the words that tell the
        /// student which mistake it was.
        static let faultyExpectations: [String: (verdict: Verdict, reasonContains: [String])] = [
            "round-robin": (.pass, []),
            "prefetch-fairness": (.fail, ["Prefetch=1 is not enforced", "while busy with prefetch-fairness-", "no prefetch limit"]),
            "redelivery": (.fail, ["1 message lost: redelivery-", "was never delivered again"]),
            "persistence": (.fail, ["the queue is not durable"]),
            "dead-letter": (.fail, ["no x-dead-letter-exchange"]),
            "api-contract": (.fail, [
                "POST empty message (direct and proxy): expected 4xx and nothing published, got 200",
                "which is not JSON but Python's str() of a dict",
            ]),
            "security": (.pass, []),
            "traefik-routes": (.pass, []),
        ]

        @Test("student-faulty fails exactly the checks its mistakes break, saying why", .timeLimit(.minutes(20)))
        func faulty() async throws {
            let results = try await ExampleStack.runAllChecks("student-faulty")
            #expect(Set(results.keys) == Set(Self.faultyExpectations.keys), "\(results.keys.sorted())")
            for (name, expected) in Self.faultyExpectations.sorted(by: { $0.key < $1.key }) {
                let result = try #require(results[name], "no result for \(name)")
                #expect(result.verdict == expected.verdict, "\(result.summary)")
                for words in expected.reasonContains {
                    #expect(result.reason.contains(words), "\(name): \(result.reason)")
                }
            }
        }
    }
}
