import ChaosLab
import Testing

extension LiveStackTests {
    /// The example student stacks, graded like a student's repository from their compose files
    /// and code alone (none declares anything for the lab): student-good and the tutorial copy
    /// pass every check that applies to them, student-faulty fails exactly the checks its
    /// mistakes break. Each example is brought up and graded once.
    @Suite("example student stacks")
    struct ExampleStackTests {
        /// A check's expected verdict and the words its reason must contain.
        struct Expectation: Sendable {
            var verdict: Verdict
            var reasonContains: [String] = []

            static let pass = Expectation(verdict: .pass)
            static let notApplicable = Expectation(verdict: .notApplicable)
            static func fail(_ words: String...) -> Expectation {
                Expectation(verdict: .fail, reasonContains: words)
            }
        }

        /// Every catalogued check expected to pass, but for `exceptions`; a work-queue stack
        /// counts nothing, so exact-counts does not apply unless said otherwise.
        static func passing(except exceptions: [String: Expectation] = [:]) -> [String: Expectation] {
            let defaults = ["exact-counts": Expectation.notApplicable]
            return Dictionary(uniqueKeysWithValues: CheckCatalogue.names.map { ($0, exceptions[$0] ?? defaults[$0] ?? .pass) })
        }

        /// What each example must get from each check; the words tell a student which mistake
        /// it was. Only the broker's account and the API's answers are quoted, never what the
        /// workers print.
        static let expectations: [String: [String: Expectation]] = [
            "student-good": passing(),
            // The tutorial has no reverse proxy and claims no route.
            "tutorial": passing(except: ["traefik-routes": .notApplicable]),
            "student-faulty": passing(except: [
                "prefetch-fairness": .fail("Prefetch=1 is not enforced", "while it was busy with prefetch-fairness-", "no prefetch limit", "auto-ack"),
                "redelivery": .fail("1 message lost: redelivery-", "ack_required false", "was never delivered again"),
                "persistence": .fail("published transient (delivery mode 1, seen on the firehose)", "the queue is not durable"),
                "dead-letter": .fail("Silent loss", "no x-dead-letter-exchange"),
                "api-contract": .fail(
                    "POST empty message (direct and proxy): expected 4xx and nothing published, got 200",
                    "which is not JSON but Python's str() of a dict"
                ),
            ]),
        ]

        @Test("each example gets exactly its expected verdicts, saying why", .timeLimit(.minutes(20)), arguments: ["student-good", "tutorial", "student-faulty"])
        func grade(example: String) async throws {
            let expected = try #require(Self.expectations[example])
            let results = try await ExampleStack.runAllChecks(example)
            #expect(Set(results.keys) == Set(expected.keys), "\(results.keys.sorted())")
            for (name, expectation) in expected.sorted(by: { $0.key < $1.key }) {
                let result = try #require(results[name], "no result for \(name)")
                #expect(result.verdict == expectation.verdict, "\(example) \(name): \(result.summary)")
                for words in expectation.reasonContains {
                    #expect(result.reason.contains(words), "\(example) \(name): \(result.reason)")
                }
            }
        }
    }
}
